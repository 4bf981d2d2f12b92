"""gsdk.user.User: users and their credentials."""

from __future__ import annotations

import grpc

from biohil.gsdk import user_pb2, user_pb2_grpc
from biohil.simulator import validation
from biohil.simulator.errors import rpc
from biohil.simulator.gateway import Gateway


class UserService(user_pb2_grpc.UserServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def GetList(
        self, request: user_pb2.GetListRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetListResponse:
        device = self.gw.connected(request.deviceID, "User.GetList")
        return user_pb2.GetListResponse(hdrs=device.roster.user_headers())

    @rpc
    def Get(self, request: user_pb2.GetRequest, context: grpc.ServicerContext) -> user_pb2.GetResponse:
        device = self.gw.connected(request.deviceID, "User.Get")
        return user_pb2.GetResponse(users=device.roster.get_users(list(request.userIDs)))

    @rpc
    def Enroll(
        self, request: user_pb2.EnrollRequest, context: grpc.ServicerContext
    ) -> user_pb2.EnrollResponse:
        device = self.gw.connected(request.deviceID, "User.Enroll")
        device.roster.enroll(list(request.users), request.overwrite)
        return user_pb2.EnrollResponse()

    @rpc
    def Delete(
        self, request: user_pb2.DeleteRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteResponse:
        device = self.gw.connected(request.deviceID, "User.Delete")
        device.roster.delete_users(list(request.userIDs))
        return user_pb2.DeleteResponse()

    @rpc
    def DeleteAll(
        self, request: user_pb2.DeleteAllRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteAllResponse:
        self.gw.connected(request.deviceID, "User.DeleteAll").roster.delete_all_users()
        return user_pb2.DeleteAllResponse()

    @rpc
    def SetCard(
        self, request: user_pb2.SetCardRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetCardResponse:
        device = self.gw.connected(request.deviceID, "User.SetCard")
        device.roster.set_cards([(u.userID, list(u.cards)) for u in request.userCards])
        return user_pb2.SetCardResponse()

    @rpc
    def SetFinger(
        self, request: user_pb2.SetFingerRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFingerResponse:
        device = self.gw.connected(request.deviceID, "User.SetFinger")
        device.roster.set_fingers([(u.userID, list(u.fingers)) for u in request.userFingers])
        return user_pb2.SetFingerResponse()

    @rpc
    def SetFace(
        self, request: user_pb2.SetFaceRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFaceResponse:
        device = self.gw.connected(request.deviceID, "User.SetFace")
        device.roster.set_faces([(u.userID, list(u.faces)) for u in request.userFaces])
        return user_pb2.SetFaceResponse()

    @rpc
    def GetPINHash(
        self, request: user_pb2.GetPINHashRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetPINHashResponse:
        return user_pb2.GetPINHashResponse(hashVal=self.gw.pin_hash(validation.pin(request.PIN)))
