"""gsdk.user.User: users and their credentials, access groups and job codes."""

from __future__ import annotations

from collections.abc import Sequence

import grpc

from biohil.gsdk import user_pb2, user_pb2_grpc
from biohil.simulator import models, roster, validation
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import SimError, rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import multi, require


class UserService(user_pb2_grpc.UserServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    def _no_job_codes_unless_served(
        self, device: SimDevice, users: Sequence[user_pb2.UserInfo], method: str
    ) -> None:
        """Job codes sent in a UserInfo to a terminal without them are refused as SetJobCode is
        (never dropped), naming the field and the capability flag."""
        for i, user in enumerate(users):
            if user.jobCodes:
                try:
                    require(self.gw, device, "User.SetJobCode")
                except SimError as e:
                    why = models.lacking(device.model, "User.SetJobCode")
                    raise SimError(
                        e.code, f"{method}: users[{i}].jobCodes: {device.label} does not support it ({why})"
                    ) from None

    def _enroll_unknown(self) -> bool:
        """Reading update_unknown_user: whether Update enrolls a user the terminal does not hold."""
        return self.gw.readings["update_unknown_user"] == "enrolled"

    # -- users -----------------------------------------------------------------------------

    @rpc
    def GetList(
        self, request: user_pb2.GetListRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetListResponse:
        """Read the header of every user the terminal holds."""
        device = self.gw.connected(request.deviceID, "User.GetList")
        return user_pb2.GetListResponse(hdrs=device.roster.user_headers())

    @rpc
    def Get(self, request: user_pb2.GetRequest, context: grpc.ServicerContext) -> user_pb2.GetResponse:
        """Read the named users whole, as Enroll and the Set calls stored them."""
        device = self.gw.connected(request.deviceID, "User.Get")
        return user_pb2.GetResponse(users=device.roster.get_users(list(request.userIDs)))

    @rpc
    def GetPartial(
        self, request: user_pb2.GetPartialRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetPartialResponse:
        """Read only the parts of the named users that infoMask names (USER_MASK_ALL: as Get)."""
        device = self.gw.connected(request.deviceID, "User.GetPartial")
        users = device.roster.get_partial(list(request.userIDs), request.infoMask)
        return user_pb2.GetPartialResponse(users=users)

    @rpc
    def Enroll(
        self, request: user_pb2.EnrollRequest, context: grpc.ServicerContext
    ) -> user_pb2.EnrollResponse:
        """Store the users (all or none; an existing one only with overwrite) and log each."""
        device = self.gw.connected(request.deviceID, "User.Enroll")
        self._no_job_codes_unless_served(device, request.users, "Enroll")
        device.roster.enroll(list(request.users), request.overwrite)
        return user_pb2.EnrollResponse()

    @rpc
    def EnrollMulti(
        self, request: user_pb2.EnrollMultiRequest, context: grpc.ServicerContext
    ) -> user_pb2.EnrollMultiResponse:
        """Store the users on each terminal as Enroll does; a terminal's refusal is its own."""
        method = "User.EnrollMulti"
        users = list(request.users)
        roster.check_users_model_free(users, method)

        def enroll(device: SimDevice) -> None:
            self._no_job_codes_unless_served(device, users, method)
            device.roster.enroll(users, request.overwrite, method)

        multi(self.gw, request.deviceIDs, method, enroll)
        return user_pb2.EnrollMultiResponse()

    @rpc
    def Update(
        self, request: user_pb2.UpdateRequest, context: grpc.ServicerContext
    ) -> user_pb2.UpdateResponse:
        """Replace the users but for the parts each hdr.updateMask keeps; logged as an overwrite."""
        device = self.gw.connected(request.deviceID, "User.Update")
        require(self.gw, device, "User.Update")
        self._no_job_codes_unless_served(device, request.users, "User.Update")
        device.roster.update(list(request.users), self._enroll_unknown())
        return user_pb2.UpdateResponse()

    @rpc
    def UpdateMulti(
        self, request: user_pb2.UpdateMultiRequest, context: grpc.ServicerContext
    ) -> user_pb2.UpdateMultiResponse:
        """Update the users on each terminal as Update does; a terminal's refusal is its own."""
        method = "User.UpdateMulti"
        users = list(request.users)
        roster.check_users_model_free(users, method, update=True)

        def update(device: SimDevice) -> None:
            require(self.gw, device, method)
            self._no_job_codes_unless_served(device, users, method)
            device.roster.update(users, self._enroll_unknown(), method)

        multi(self.gw, request.deviceIDs, method, update)
        return user_pb2.UpdateMultiResponse()

    @rpc
    def Delete(
        self, request: user_pb2.DeleteRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteResponse:
        """Remove the named users and their credentials; log each."""
        device = self.gw.connected(request.deviceID, "User.Delete")
        device.roster.delete_users(list(request.userIDs))
        return user_pb2.DeleteResponse()

    @rpc
    def DeleteMulti(
        self, request: user_pb2.DeleteMultiRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteMultiResponse:
        """Remove the named users from each terminal as Delete does."""
        method = "User.DeleteMulti"
        ids = validation.user_ids(list(request.userIDs), method)
        multi(self.gw, request.deviceIDs, method, lambda device: device.roster.delete_users(ids, method))
        return user_pb2.DeleteMultiResponse()

    @rpc
    def DeleteAll(
        self, request: user_pb2.DeleteAllRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteAllResponse:
        """Remove every user of the terminal; log it once."""
        self.gw.connected(request.deviceID, "User.DeleteAll").roster.delete_all_users()
        return user_pb2.DeleteAllResponse()

    @rpc
    def DeleteAllMulti(
        self, request: user_pb2.DeleteAllMultiRequest, context: grpc.ServicerContext
    ) -> user_pb2.DeleteAllMultiResponse:
        """Remove every user of each terminal as DeleteAll does."""
        multi(
            self.gw, request.deviceIDs, "User.DeleteAllMulti", lambda device: device.roster.delete_all_users()
        )
        return user_pb2.DeleteAllMultiResponse()

    # -- credentials -----------------------------------------------------------------------

    @rpc
    def GetCard(
        self, request: user_pb2.GetCardRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetCardResponse:
        """Read the named users' cards, as Enroll or SetCard stored them."""
        device = self.gw.connected(request.deviceID, "User.GetCard")
        return user_pb2.GetCardResponse(userCards=device.roster.get_cards(list(request.userIDs)))

    @rpc
    def SetCard(
        self, request: user_pb2.SetCardRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetCardResponse:
        """Replace the named users' cards (a card of another user is refused); GetCard reads them."""
        device = self.gw.connected(request.deviceID, "User.SetCard")
        device.roster.set_cards([(u.userID, list(u.cards)) for u in request.userCards])
        return user_pb2.SetCardResponse()

    @rpc
    def SetCardMulti(
        self, request: user_pb2.SetCardMultiRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetCardMultiResponse:
        """Replace the named users' cards on each terminal as SetCard does."""
        method = "User.SetCardMulti"
        items = [(u.userID, list(u.cards)) for u in request.userCards]
        roster.check_entries(items, method, "userCards")
        multi(self.gw, request.deviceIDs, method, lambda device: device.roster.set_cards(items, method))
        return user_pb2.SetCardMultiResponse()

    @rpc
    def GetFinger(
        self, request: user_pb2.GetFingerRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetFingerResponse:
        """Read the named users' fingers, as Enroll or SetFinger stored them."""
        device = self.gw.connected(request.deviceID, "User.GetFinger")
        return user_pb2.GetFingerResponse(userFingers=device.roster.get_fingers(list(request.userIDs)))

    @rpc
    def SetFinger(
        self, request: user_pb2.SetFingerRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFingerResponse:
        """Replace the named users' fingers; GetFinger reads them."""
        device = self.gw.connected(request.deviceID, "User.SetFinger")
        device.roster.set_fingers([(u.userID, list(u.fingers)) for u in request.userFingers])
        return user_pb2.SetFingerResponse()

    @rpc
    def SetFingerMulti(
        self, request: user_pb2.SetFingerMultiRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFingerMultiResponse:
        """Replace the named users' fingers on each terminal as SetFinger does."""
        method = "User.SetFingerMulti"
        items = [(u.userID, list(u.fingers)) for u in request.userFingers]
        roster.check_entries(items, method, "userFingers")
        multi(self.gw, request.deviceIDs, method, lambda device: device.roster.set_fingers(items, method))
        return user_pb2.SetFingerMultiResponse()

    @rpc
    def GetFace(
        self, request: user_pb2.GetFaceRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetFaceResponse:
        """Read the named users' faces, as Enroll or SetFace stored them."""
        device = self.gw.connected(request.deviceID, "User.GetFace")
        return user_pb2.GetFaceResponse(userFaces=device.roster.get_faces(list(request.userIDs)))

    @rpc
    def SetFace(
        self, request: user_pb2.SetFaceRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFaceResponse:
        """Replace the named users' faces; GetFace reads them."""
        device = self.gw.connected(request.deviceID, "User.SetFace")
        device.roster.set_faces([(u.userID, list(u.faces)) for u in request.userFaces])
        return user_pb2.SetFaceResponse()

    @rpc
    def SetFaceMulti(
        self, request: user_pb2.SetFaceMultiRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetFaceMultiResponse:
        """Replace the named users' faces on each terminal as SetFace does (its face family's only)."""
        method = "User.SetFaceMulti"
        items = [(u.userID, list(u.faces)) for u in request.userFaces]
        roster.check_entries(items, method, "userFaces")
        multi(self.gw, request.deviceIDs, method, lambda device: device.roster.set_faces(items, method))
        return user_pb2.SetFaceMultiResponse()

    # -- access groups and job codes -------------------------------------------------------

    @rpc
    def GetAccessGroup(
        self, request: user_pb2.GetAccessGroupRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetAccessGroupResponse:
        """Read the named users' access group IDs, as Enroll or SetAccessGroup stored them."""
        device = self.gw.connected(request.deviceID, "User.GetAccessGroup")
        groups = device.roster.get_access_groups(list(request.userIDs))
        return user_pb2.GetAccessGroupResponse(userAccessGroups=groups)

    @rpc
    def SetAccessGroup(
        self, request: user_pb2.SetAccessGroupRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetAccessGroupResponse:
        """Replace the named users' access group IDs; GetAccessGroup reads them."""
        device = self.gw.connected(request.deviceID, "User.SetAccessGroup")
        device.roster.set_access_groups(
            [(u.userID, list(u.accessGroupIDs)) for u in request.userAccessGroups]
        )
        return user_pb2.SetAccessGroupResponse()

    @rpc
    def SetAccessGroupMulti(
        self, request: user_pb2.SetAccessGroupMultiRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetAccessGroupMultiResponse:
        """Replace the named users' access group IDs on each terminal as SetAccessGroup does."""
        method = "User.SetAccessGroupMulti"
        items = [(u.userID, list(u.accessGroupIDs)) for u in request.userAccessGroups]
        roster.check_access_group_items(items, method)
        multi(
            self.gw, request.deviceIDs, method, lambda device: device.roster.set_access_groups(items, method)
        )
        return user_pb2.SetAccessGroupMultiResponse()

    @rpc
    def GetJobCode(
        self, request: user_pb2.GetJobCodeRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetJobCodeResponse:
        """Read the named users' job codes (a T&A terminal's), as Enroll or SetJobCode stored them."""
        device = self.gw.connected(request.deviceID, "User.GetJobCode")
        require(self.gw, device, "User.GetJobCode")
        return user_pb2.GetJobCodeResponse(userJobCodes=device.roster.get_job_codes(list(request.userIDs)))

    @rpc
    def SetJobCode(
        self, request: user_pb2.SetJobCodeRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetJobCodeResponse:
        """Replace the named users' job codes (a T&A terminal's); GetJobCode reads them."""
        device = self.gw.connected(request.deviceID, "User.SetJobCode")
        require(self.gw, device, "User.SetJobCode")
        device.roster.set_job_codes([(u.userID, list(u.jobCodes)) for u in request.userJobCodes])
        return user_pb2.SetJobCodeResponse()

    @rpc
    def SetJobCodeMulti(
        self, request: user_pb2.SetJobCodeMultiRequest, context: grpc.ServicerContext
    ) -> user_pb2.SetJobCodeMultiResponse:
        """Replace the named users' job codes on each terminal as SetJobCode does."""
        method = "User.SetJobCodeMulti"
        items = [(u.userID, list(u.jobCodes)) for u in request.userJobCodes]
        roster.check_job_code_items(items, method)

        def set_job_codes(device: SimDevice) -> None:
            require(self.gw, device, method)
            device.roster.set_job_codes(items, method)

        multi(self.gw, request.deviceIDs, method, set_job_codes)
        return user_pb2.SetJobCodeMultiResponse()

    # -- PIN hashes and counts -------------------------------------------------------------

    @rpc
    def GetPINHash(
        self, request: user_pb2.GetPINHashRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetPINHashResponse:
        """Hash a PIN as the terminals compare it (reading pin_hash); no state."""
        return user_pb2.GetPINHashResponse(hashVal=self.gw.pin_hash(validation.pin(request.PIN)))

    @rpc
    def GetPINHashWithKey(
        self, request: user_pb2.GetPINHashWithKeyRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetPINHashResponse:
        """Hash a PIN under the 32-byte key given (HMAC-SHA-256, as pin_hash=keyed); no state."""
        hashed = roster.pin_hash_with_key(request.PIN, request.hashKey, "User.GetPINHashWithKey")
        return user_pb2.GetPINHashResponse(hashVal=hashed)

    @rpc
    def GetStatistic(
        self, request: user_pb2.GetStatisticRequest, context: grpc.ServicerContext
    ) -> user_pb2.GetStatisticResponse:
        """Count the terminal's users, cards, fingers, faces, names and photos from its roster."""
        device = self.gw.connected(request.deviceID, "User.GetStatistic")
        return user_pb2.GetStatisticResponse(userStatistic=device.roster.statistic())
