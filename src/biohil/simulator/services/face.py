"""gsdk.face.Face: scanning faces, templates and normalized images from face images, the
terminal's FaceConfig and its face authentication groups (biometrics)."""

from __future__ import annotations

import grpc

from biohil.credentials import Input
from biohil.gsdk import face_pb2, face_pb2_grpc
from biohil.simulator import credentials
from biohil.simulator.biometrics import AuthGroups, check_auth_groups, check_face_config, check_group_ids
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import invalid, rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import captured, multi, require


class FaceService(face_pb2_grpc.FaceServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    def _groups(self, device: SimDevice, method: str) -> AuthGroups:
        """The terminal's auth groups, if its model has them."""
        require(self.gw, device, method)
        return device.face_groups

    @rpc
    def Scan(self, request: face_pb2.ScanRequest, context: grpc.ServicerContext) -> face_pb2.ScanResponse:
        """Wait up to FaceConfig.enrollTimeout for a face; its FaceData in the terminal's face family."""
        device = self.gw.connected(request.deviceID, "Face.Scan")
        require(self.gw, device, "Face.Scan")
        if request.enrollThreshold not in face_pb2.FaceEnrollThreshold.values():
            raise invalid(f"Face.Scan: enrollThreshold {request.enrollThreshold} is out of range 0..9")
        settings = device.face_settings
        capture = device.scans.begin(Input.FACE, settings.enroll_timeout, "Face.Scan")
        token = captured(device, capture, context).token
        settings.scanned(token, "Face.Scan")
        return face_pb2.ScanResponse(faceData=credentials.face_data(token, visual=device.model.extended_auth))

    @rpc
    def Extract(
        self, request: face_pb2.ExtractRequest, context: grpc.ServicerContext
    ) -> face_pb2.ExtractResponse:
        """The face template of a visual face image (no state): a user enrolled with it is recognised."""
        device = self.gw.connected(request.deviceID, "Face.Extract")
        require(self.gw, device, "Face.Extract")
        template = device.face_settings.extract(request.imageData, request.isWarped, "Face.Extract")
        return face_pb2.ExtractResponse(templateData=template)

    @rpc
    def Normalize(
        self, request: face_pb2.NormalizeRequest, context: grpc.ServicerContext
    ) -> face_pb2.NormalizeResponse:
        """The normalized (warped) image of a visual face image (no state)."""
        device = self.gw.connected(request.deviceID, "Face.Normalize")
        require(self.gw, device, "Face.Normalize")
        warped = device.face_settings.normalize(request.unwrappedImageData, "Face.Normalize")
        return face_pb2.NormalizeResponse(wrappedImageData=warped)

    @rpc
    def GetConfig(
        self, request: face_pb2.GetConfigRequest, context: grpc.ServicerContext
    ) -> face_pb2.GetConfigResponse:
        """Read the terminal's FaceConfig (the factory's of its face family until SetConfig)."""
        device = self.gw.connected(request.deviceID, "Face.GetConfig")
        require(self.gw, device, "Face.GetConfig")
        return face_pb2.GetConfigResponse(config=device.face_settings.config())

    @rpc
    def SetConfig(
        self, request: face_pb2.SetConfigRequest, context: grpc.ServicerContext
    ) -> face_pb2.SetConfigResponse:
        """Store the terminal's whole FaceConfig; GetConfig reads it back and Scan follows it."""
        device = self.gw.connected(request.deviceID, "Face.SetConfig")
        require(self.gw, device, "Face.SetConfig")
        check_face_config(request.config, "Face.SetConfig")
        device.face_settings.set_config(request.config, "Face.SetConfig")
        return face_pb2.SetConfigResponse()

    @rpc
    def SetConfigMulti(
        self, request: face_pb2.SetConfigMultiRequest, context: grpc.ServicerContext
    ) -> face_pb2.SetConfigMultiResponse:
        """Store the FaceConfig on each terminal; the ones that refuse it are the call's error details."""
        method = "Face.SetConfigMulti"
        check_face_config(request.config, method)

        def store(device: SimDevice) -> None:
            require(self.gw, device, method)
            device.face_settings.set_config(request.config, method)

        multi(self.gw, request.deviceIDs, method, store)
        return face_pb2.SetConfigMultiResponse()

    @rpc
    def GetAuthGroup(
        self, request: face_pb2.GetAuthGroupRequest, context: grpc.ServicerContext
    ) -> face_pb2.GetAuthGroupResponse:
        """List the terminal's face authentication groups, by ID."""
        device = self.gw.connected(request.deviceID, "Face.GetAuthGroup")
        groups = self._groups(device, "Face.GetAuthGroup").listed()
        return face_pb2.GetAuthGroupResponse(authGroups=groups)

    @rpc
    def AddAuthGroup(
        self, request: face_pb2.AddAuthGroupRequest, context: grpc.ServicerContext
    ) -> face_pb2.AddAuthGroupResponse:
        """Keep these auth groups on the terminal (a known ID is renamed); GetAuthGroup lists them."""
        method = "Face.AddAuthGroup"
        device = self.gw.connected(request.deviceID, method)
        groups = self._groups(device, method)
        groups.add(check_auth_groups(request.authGroups, method), method)
        return face_pb2.AddAuthGroupResponse()

    @rpc
    def AddAuthGroupMulti(
        self, request: face_pb2.AddAuthGroupMultiRequest, context: grpc.ServicerContext
    ) -> face_pb2.AddAuthGroupMultiResponse:
        """Keep these auth groups on each terminal; the ones that refuse are the call's error details."""
        method = "Face.AddAuthGroupMulti"
        checked = check_auth_groups(request.authGroups, method)
        multi(self.gw, request.deviceIDs, method, lambda d: self._groups(d, method).add(checked, method))
        return face_pb2.AddAuthGroupMultiResponse()

    @rpc
    def DeleteAuthGroup(
        self, request: face_pb2.DeleteAuthGroupRequest, context: grpc.ServicerContext
    ) -> face_pb2.DeleteAuthGroupResponse:
        """Delete these auth groups from the terminal (all or none; not one a user is in)."""
        method = "Face.DeleteAuthGroup"
        device = self.gw.connected(request.deviceID, method)
        groups = self._groups(device, method)
        groups.delete(check_group_ids(request.groupIDs, method), method)
        return face_pb2.DeleteAuthGroupResponse()

    @rpc
    def DeleteAuthGroupMulti(
        self, request: face_pb2.DeleteAuthGroupMultiRequest, context: grpc.ServicerContext
    ) -> face_pb2.DeleteAuthGroupMultiResponse:
        """Delete these auth groups from each terminal; the ones that refuse are the call's error details."""
        method = "Face.DeleteAuthGroupMulti"
        ids = check_group_ids(request.groupIDs, method)
        multi(self.gw, request.deviceIDs, method, lambda d: self._groups(d, method).delete(ids, method))
        return face_pb2.DeleteAuthGroupMultiResponse()

    @rpc
    def DeleteAllAuthGroup(
        self, request: face_pb2.DeleteAllAuthGroupRequest, context: grpc.ServicerContext
    ) -> face_pb2.DeleteAllAuthGroupResponse:
        """Delete every auth group of the terminal (none while a user is in one)."""
        method = "Face.DeleteAllAuthGroup"
        device = self.gw.connected(request.deviceID, method)
        self._groups(device, method).delete_all(method)
        return face_pb2.DeleteAllAuthGroupResponse()

    @rpc
    def DeleteAllAuthGroupMulti(
        self, request: face_pb2.DeleteAllAuthGroupMultiRequest, context: grpc.ServicerContext
    ) -> face_pb2.DeleteAllAuthGroupMultiResponse:
        """Delete every auth group of each terminal; the ones that refuse are the call's error details."""
        method = "Face.DeleteAllAuthGroupMulti"
        multi(self.gw, request.deviceIDs, method, lambda d: self._groups(d, method).delete_all(method))
        return face_pb2.DeleteAllAuthGroupMultiResponse()
