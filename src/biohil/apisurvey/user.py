"""Plausible calls of gsdk.user (see biohil.apisurvey).

Each request enrolls what it needs first (a user, with the credential the call reads); a check
reads back through another call where that proves the call did what it says. Credentials are
made up in the documented shapes (a 32-byte CSN card, a finger of two templates, face data of
the terminal's own family), so they match nothing a person presents.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import Any

from google.protobuf.message import Message

from biohil.apisurvey import Call, Invoke
from biohil.gsdk import card_pb2, device_pb2, face_pb2, finger_pb2, tna_pb2, user_pb2

USER = "910001"  # the surveyed user, enrolled again (overwrite) by each call that needs it
OTHER = "910002"
PIN = "4711"
KEY = bytes(range(32))  # a 32-byte hash key of the client's


def _capability(invoke: Invoke, d: int) -> Any:
    return invoke("Device.GetCapability", device_pb2.GetCapabilityRequest(deviceID=d)).deviceCapability  # type: ignore[attr-defined]


def _card() -> card_pb2.CSNCardData:
    """A new card as Card.Scan gives it: 32 bytes, the number right-aligned."""
    return card_pb2.CSNCardData(type=card_pb2.CARD_TYPE_CSN, size=32, data=bytes(26) + os.urandom(6))


def _fingers(invoke: Invoke, d: int) -> list[finger_pb2.FingerData]:
    """One finger (two templates of it) if the terminal reads fingers, else none."""
    if not _capability(invoke, d).fingerprintInputSupported:
        return []
    template = hashlib.sha256(os.urandom(16)).digest() * 12  # 384 bytes
    return [finger_pb2.FingerData(templates=[template, template])]


def _faces(invoke: Invoke, d: int) -> list[face_pb2.FaceData]:
    """One face of the terminal's family (visual: BS2_FACE_FLAG_EX and IR templates), else none."""
    capability = _capability(invoke, d)
    if not capability.faceInputSupported:
        return []
    template = os.urandom(552)
    if capability.faceExSupported:
        return [
            face_pb2.FaceData(flag=face_pb2.BS2_FACE_FLAG_EX, templates=[template], irTemplates=[template])
        ]
    return [face_pb2.FaceData(templates=[template])]


def _enroll(invoke: Invoke, d: int, *users: user_pb2.UserInfo) -> None:
    invoke("User.Enroll", user_pb2.EnrollRequest(deviceID=d, users=users, overwrite=True))


def _enrolled(invoke: Invoke, d: int, **fields: Any) -> None:
    """USER enrolled (again) with these UserInfo fields."""
    _enroll(invoke, d, user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), **fields))


def _read(invoke: Invoke, d: int, user_id: str = USER) -> user_pb2.UserInfo:
    got = invoke("User.Get", user_pb2.GetRequest(deviceID=d, userIDs=[user_id]))
    return got.users[0]  # type: ignore[attr-defined, no-any-return]


def _listed(invoke: Invoke, d: int) -> set[str]:
    return {h.ID for h in invoke("User.GetList", user_pb2.GetListRequest(deviceID=d)).hdrs}  # type: ignore[attr-defined]


def _differs(what: str, got: object, sent: object) -> str:
    return "" if got == sent else f"{what} reads back as {got!r}, not {sent!r} as set"


# -- users -------------------------------------------------------------------------------------


def _get_list(invoke: Invoke, d: int) -> Message:
    _enrolled(invoke, d)
    return user_pb2.GetListRequest(deviceID=d)


def _get(invoke: Invoke, d: int) -> Message:
    _enrolled(invoke, d, name="Survey Get")
    return user_pb2.GetRequest(deviceID=d, userIDs=[USER])


def _get_partial(invoke: Invoke, d: int) -> Message:
    _enrolled(invoke, d, name="Survey Partial", cards=[_card()])
    return user_pb2.GetPartialRequest(deviceID=d, userIDs=[USER], infoMask=user_pb2.USER_MASK_NAME)


def _only_the_name(answer: Message, invoke: Invoke, d: int) -> str:
    (user,) = answer.users  # type: ignore[attr-defined]
    if (user.hdr.ID, user.name, len(user.cards)) != (USER, "Survey Partial", 0):
        return f"USER_MASK_NAME gave ID {user.hdr.ID!r}, name {user.name!r} and {len(user.cards)} cards"
    return ""


def _user(name: str, **fields: Any) -> user_pb2.UserInfo:
    return user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), name=name, **fields)


def _name_reads_back(name: str) -> Callable[[Message, Invoke, int], str]:
    def check(answer: Message, invoke: Invoke, d: int) -> str:
        return _differs("the name", _read(invoke, d).name, name)

    return check


def _updated(invoke: Invoke, d: int, multi: bool) -> Message:
    """USER with a card, then updated to a new name keeping the card (KEEP_USER_CARD)."""
    _enrolled(invoke, d, name="Before Update", cards=[_card()])
    user = _user("After Update")
    user.hdr.updateMask = user_pb2.KEEP_USER_CARD
    if multi:
        return user_pb2.UpdateMultiRequest(deviceIDs=[d], users=[user])
    return user_pb2.UpdateRequest(deviceID=d, users=[user])


def _card_kept(answer: Message, invoke: Invoke, d: int) -> str:
    user = _read(invoke, d)
    if (user.name, len(user.cards)) != ("After Update", 1):
        return f"after Update the name is {user.name!r} and {len(user.cards)} cards were kept (1 expected)"
    return ""


def _after_enrolling(build: Callable[[int], Message]) -> Callable[[Invoke, int], Message]:
    """A request made once USER is enrolled."""

    def request(invoke: Invoke, d: int) -> Message:
        _enrolled(invoke, d)
        return build(d)

    return request


def _gone(answer: Message, invoke: Invoke, d: int) -> str:
    return f"user {USER} is still listed" if USER in _listed(invoke, d) else ""


def _none_left(answer: Message, invoke: Invoke, d: int) -> str:
    left = _listed(invoke, d)
    return f"{len(left)} users are still listed" if left else ""


# -- one part of a user: Get, Set and SetMulti of cards, fingers, faces, access groups, job codes --


def _part_calls(
    method: str,
    field: str,
    entry: type[Message],
    listed: str,
    make: Callable[[Invoke, int], list[Any]],
) -> dict[str, Call]:
    """User.Get<X>, Set<X> and Set<X>Multi of one part (`field` of UserInfo and of its entry
    message, `listed`: the requests' list of entries): set on USER, then read back."""
    get_request: type[Message] = getattr(user_pb2, f"Get{method}Request")
    set_request: type[Message] = getattr(user_pb2, f"Set{method}Request")
    multi_request: type[Message] = getattr(user_pb2, f"Set{method}MultiRequest")
    made: dict[int, list[Any]] = {}

    def read_back(invoke: Invoke, d: int) -> list[Any]:
        answer = invoke(f"User.Get{method}", get_request(deviceID=d, userIDs=[USER]))
        return list(getattr(getattr(answer, listed)[0], field))

    def get(invoke: Invoke, d: int) -> Message:
        made[d] = make(invoke, d)
        _enrolled(invoke, d, **{field: made[d]})
        return get_request(deviceID=d, userIDs=[USER])

    def got(answer: Message, invoke: Invoke, d: int) -> str:
        (entry_read,) = getattr(answer, listed)
        return _differs(f"{USER}'s {field}", list(getattr(entry_read, field)), made[d])

    def setter(request: type[Message], multi: bool) -> Callable[[Invoke, int], Message]:
        def build(invoke: Invoke, d: int) -> Message:
            _enrolled(invoke, d)
            made[d] = make(invoke, d)
            entries = [entry(userID=USER, **{field: made[d]})]
            return request(**({"deviceIDs": [d]} if multi else {"deviceID": d}), **{listed: entries})

        return build

    def set_back(answer: Message, invoke: Invoke, d: int) -> str:
        return _differs(f"{USER}'s {field}", read_back(invoke, d), made[d])

    return {
        f"User.Get{method}": Call(get, got),
        f"User.Set{method}": Call(setter(set_request, multi=False), set_back),
        f"User.Set{method}Multi": Call(setter(multi_request, multi=True), set_back),
    }


def _access_groups(invoke: Invoke, d: int) -> list[int]:
    return [int.from_bytes(os.urandom(2), "big") + 1, 70_000]


def _job_codes(invoke: Invoke, d: int) -> list[tna_pb2.JobCode]:
    """A job code if the terminal has them (else none: the call itself is then refused)."""
    info = invoke("Device.GetCapabilityInfo", device_pb2.GetCapabilityInfoRequest(deviceID=d)).capInfo  # type: ignore[attr-defined]
    if not info.jobCodeSupported:
        return []
    return [tna_pb2.JobCode(code=int.from_bytes(os.urandom(2), "big") + 1, label="Survey job")]


# -- PIN hashes and counts -----------------------------------------------------------------------


def _hash_of_32_bytes(answer: Message, invoke: Invoke, d: int) -> str:
    hashed = answer.hashVal  # type: ignore[attr-defined]
    return "" if len(hashed) == 32 else f"the PIN hash has {len(hashed)} bytes, not 32"


def _keyed_hash(answer: Message, invoke: Invoke, d: int) -> str:
    """32 bytes, the same for the same key, another for another key."""
    hashed = answer.hashVal  # type: ignore[attr-defined]
    again = invoke("User.GetPINHashWithKey", user_pb2.GetPINHashWithKeyRequest(PIN=PIN, hashKey=KEY))
    other = invoke("User.GetPINHashWithKey", user_pb2.GetPINHashWithKeyRequest(PIN=PIN, hashKey=KEY[::-1]))
    if len(hashed) != 32:
        return f"the PIN hash has {len(hashed)} bytes, not 32"
    if again.hashVal != hashed:  # type: ignore[attr-defined]
        return "the same PIN and key hash differently twice"
    return "another key gives the same hash" if other.hashVal == hashed else ""  # type: ignore[attr-defined]


def _statistic(invoke: Invoke, d: int) -> Message:
    _enroll(
        invoke,
        d,
        user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=USER), name="Counted", cards=[_card()]),
        user_pb2.UserInfo(hdr=user_pb2.UserHdr(ID=OTHER), cards=[_card(), _card()]),
    )
    return user_pb2.GetStatisticRequest(deviceID=d)


def _counts_agree(answer: Message, invoke: Invoke, d: int) -> str:
    """The counts are those of the users the terminal lists."""
    stats = answer.userStatistic  # type: ignore[attr-defined]
    hdrs = invoke("User.GetList", user_pb2.GetListRequest(deviceID=d)).hdrs  # type: ignore[attr-defined]
    users = invoke("User.Get", user_pb2.GetRequest(deviceID=d, userIDs=[h.ID for h in hdrs])).users  # type: ignore[attr-defined]
    counted = (
        len(users),
        sum(len(u.cards) for u in users),
        sum(len(u.fingers) for u in users),
        sum(len(u.faces) for u in users),
        sum(bool(u.name) for u in users),
        sum(bool(u.photo) for u in users),
    )
    said = (
        stats.numOfUsers,
        stats.numOfCards,
        stats.numOfFingerprints,
        stats.numOfFaces,
        stats.numOfNames,
        stats.numOfImages,
    )
    return _differs("users, cards, fingers, faces, names, photos counted", said, counted)


CALLS: dict[str, Call] = {
    "User.GetList": Call(
        _get_list,
        lambda answer, invoke, d: (
            "" if USER in {h.ID for h in answer.hdrs} else f"{USER} is enrolled but not listed"  # type: ignore[attr-defined]
        ),
    ),
    "User.Get": Call(
        _get,
        lambda answer, invoke, d: _differs("the name", answer.users[0].name, "Survey Get"),  # type: ignore[attr-defined]
    ),
    "User.GetPartial": Call(_get_partial, _only_the_name),
    "User.Enroll": Call(
        lambda invoke, d: user_pb2.EnrollRequest(deviceID=d, users=[_user("Survey Enroll")], overwrite=True),
        _name_reads_back("Survey Enroll"),
    ),
    "User.EnrollMulti": Call(
        lambda invoke, d: user_pb2.EnrollMultiRequest(
            deviceIDs=[d], users=[_user("Survey EnrollMulti")], overwrite=True
        ),
        _name_reads_back("Survey EnrollMulti"),
    ),
    "User.Update": Call(lambda invoke, d: _updated(invoke, d, multi=False), _card_kept),
    "User.UpdateMulti": Call(lambda invoke, d: _updated(invoke, d, multi=True), _card_kept),
    "User.Delete": Call(
        _after_enrolling(lambda d: user_pb2.DeleteRequest(deviceID=d, userIDs=[USER])), _gone
    ),
    "User.DeleteMulti": Call(
        _after_enrolling(lambda d: user_pb2.DeleteMultiRequest(deviceIDs=[d], userIDs=[USER])), _gone
    ),
    "User.DeleteAll": Call(_after_enrolling(lambda d: user_pb2.DeleteAllRequest(deviceID=d)), _none_left),
    "User.DeleteAllMulti": Call(
        _after_enrolling(lambda d: user_pb2.DeleteAllMultiRequest(deviceIDs=[d])), _none_left
    ),
    **_part_calls("Card", "cards", user_pb2.UserCard, "userCards", lambda invoke, d: [_card()]),
    **_part_calls("Finger", "fingers", user_pb2.UserFinger, "userFingers", _fingers),
    **_part_calls("Face", "faces", user_pb2.UserFace, "userFaces", _faces),
    **_part_calls(
        "AccessGroup", "accessGroupIDs", user_pb2.UserAccessGroup, "userAccessGroups", _access_groups
    ),
    **_part_calls("JobCode", "jobCodes", user_pb2.UserJobCode, "userJobCodes", _job_codes),
    "User.GetPINHash": Call(lambda invoke, d: user_pb2.GetPINHashRequest(PIN=PIN), _hash_of_32_bytes),
    "User.GetPINHashWithKey": Call(
        lambda invoke, d: user_pb2.GetPINHashWithKeyRequest(PIN=PIN, hashKey=KEY), _keyed_hash
    ),
    "User.GetStatistic": Call(_statistic, _counts_agree),
}
