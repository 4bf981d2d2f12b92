"""A terminal's users and their credentials: enrolment, the credential indexes (one per kind of
credential), the credential updates, and the lookups the auth engine makes (auth.Directory).

A part of one terminal (device.SimDevice): it runs under the terminal's lock and writes the
terminal's log; the terminal's firmware rules give the sub-code of a duplicate card.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from biohil.credentials import BY_INPUT, KINDS, Input, Kind
from biohil.eventcodes import Code
from biohil.gsdk import card_pb2, face_pb2, finger_pb2, tna_pb2, user_pb2
from biohil.simulator import credentials, validation
from biohil.simulator.errors import SimError, already_exists, invalid, not_found, precondition
from biohil.simulator.eventlog import Record
from biohil.simulator.firmware import Firmware
from biohil.simulator.models import BIOSTATION_2, DeviceModel

CARD, FINGER, FACE = (BY_INPUT[i] for i in (Input.CARD, Input.FINGER, Input.FACE))
Holder = tuple[str, bool]  # a user holding a credential, and whether it is their duress finger
Log = Callable[..., Record]  # the terminal's log(code, sub_code, user_id, card_data)


def card_key(data: bytes) -> bytes:
    """Cards are matched on the 32-byte block a reader returns (shorter data right-aligned)."""
    return data.rjust(credentials.CARD_BYTES, b"\0")


# What identifies an enrolled credential of each kind kept in a UserInfo field of its own (None:
# a template not made by the simulator, which matches nothing), and whether it is a duress finger.
_HELD: dict[Kind, Callable[[Any], tuple[bytes | None, bool]]] = {
    CARD: lambda card: (card_key(card.data), False),
    FINGER: lambda finger: (
        credentials.finger_identity(finger.templates[0]),
        bool(finger.flag & finger_pb2.BS2_FINGER_FLAG_DURESS),
    ),
    FACE: lambda face: (credentials.face_identity(face), False),
}
# A kind kept in another kind's field is looked up as that kind: G-SDK keeps QR and mobile
# credentials in `cards` (ARCHITECTURE.md, "A credential kind").
_KEPT_AS: dict[Kind, Kind] = {k: next(h for h in _HELD if h.user_field == k.user_field) for k in KINDS}


# GetPartial: each InfoMask bit and the UserInfo fields it reads (contract 3.3). The hdr's ID is
# always there; SETTING reads the validity and classic modes, SETTING_EX the extended modes; FACE
# an infrared terminal's faces, FACE_EX a visual one's (BS2_FACE_FLAG_EX); PHRASE reads nothing,
# a UserInfo holds no phrase.
_SETTING_FIELDS = ("startTime", "endTime", "biometricAuthMode", "cardAuthMode", "IDAuthMode", "securityLevel")
_SETTING_EX_FIELDS = ("faceAuthExtMode", "fingerAuthExtMode", "cardAuthExtMode", "IDAuthExtMode")
_SETTING_PARTS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (user_pb2.USER_MASK_SETTING, _SETTING_FIELDS),
    (user_pb2.USER_MASK_SETTING_EX, _SETTING_EX_FIELDS),
)
_MASKED: tuple[tuple[int, str], ...] = (
    (user_pb2.USER_MASK_NAME, "name"),
    (user_pb2.USER_MASK_PHOTO, "photo"),
    (user_pb2.USER_MASK_PIN, "PIN"),
    (user_pb2.USER_MASK_CARD, "cards"),
    (user_pb2.USER_MASK_FINGER, "fingers"),
    (user_pb2.USER_MASK_ACCESS_GROUP, "accessGroupIDs"),
    (user_pb2.USER_MASK_JOB, "jobCodes"),
)
# Update: each UpdateMask bit and the UserInfo field it keeps from the stored user (contract 3.3,
# 5.5). KEEP_USER_PHRASE keeps nothing (no phrase is stored); hdr, setting and access groups are
# always the request's.
_KEPT: tuple[tuple[int, str], ...] = (
    (user_pb2.KEEP_USER_JOB_CODE, "jobCodes"),
    (user_pb2.KEEP_USER_NAME, "name"),
    (user_pb2.KEEP_USER_PHOTO, "photo"),
    (user_pb2.KEEP_USER_PIN, "PIN"),
    (user_pb2.KEEP_USER_CARD, "cards"),
    (user_pb2.KEEP_USER_FINGER, "fingers"),
    (user_pb2.KEEP_USER_FACE, "faces"),
)
HASH_KEY_BYTES = 32  # GetPINHashWithKey's key: the size of the PIN hash and of the gateway's own key
# A model-free check (the parts of a Multi call's request checked once) strips what a model
# decides (credentials, modes): this model is then consulted for nothing.
_ANY_MODEL = BIOSTATION_2


def _presented_key(kind: Kind, token: bytes) -> bytes:
    """The index key of a presented credential: a card's block, a finger's or face's identity."""
    return card_key(token) if _KEPT_AS[kind] is CARD else token


class Roster:
    def __init__(
        self, model: DeviceModel, label: str, lock: threading.RLock, rules: Firmware, log: Log
    ) -> None:
        self.model = model
        self.label = label
        self.rules = rules
        self.log = log
        self._lock = lock
        self._users: dict[str, user_pb2.UserInfo] = {}
        # Who holds each credential, by kind: its key -> holders, first enrolled first.
        self.index: dict[Kind, dict[bytes, list[Holder]]] = {kind: {} for kind in _HELD}

    def credential_of(self, presented: Input, user_id: str, index: int, duress: bool) -> bytes:
        """The physical credential enrolled for a user: card block, finger or face identity."""
        if presented not in BY_INPUT:
            raise invalid(f"Act: {presented.value} is typed, not enrolled; send its digits")
        kind = _KEPT_AS[BY_INPUT[presented]]
        with self._lock:
            user = self._existing(user_id, "Act")
            held = [_HELD[kind](item) for item in getattr(user, kind.user_field)]
        if kind is FINGER:  # a duress finger is asked for as such
            held = [h for h in held if h[1] == duress]
        items = [key for key, _ in held]
        what = f"{'duress ' if duress else ''}{presented.value}"
        if index >= len(items):
            raise not_found(
                f"Act: user {user_id} has {len(items)} {what} credential(s) on {self.label}, no #{index}"
            )
        token = items[index]
        if token is None:
            raise precondition(f"Act: user {user_id}'s {what} #{index} was not captured by the simulator")
        return token

    # -- what the engine asks (auth.Directory) ------------------------------------------------

    def user(self, user_id: str) -> user_pb2.UserInfo | None:
        return self._users.get(user_id)

    def owner(self, kind: Kind, token: bytes) -> Holder | None:
        """Whose a presented credential is (the first enrolled), and whether it is their duress finger."""
        holders = self.index[_KEPT_AS[kind]].get(_presented_key(kind, token))
        return holders[0] if holders else None

    def belongs(self, kind: Kind, token: bytes, user_id: str) -> bool | None:
        """None if the presented credential is not the user's; else whether it is their duress finger."""
        holders = self.index[_KEPT_AS[kind]].get(_presented_key(kind, token), ())
        return next((duress for uid, duress in holders if uid == user_id), None)

    def pin_of(self, user_id: str, pin: bytes) -> bool:
        user = self._users.get(user_id)
        return bool(user is not None and user.PIN and self.rules.pin_hash(pin.decode()) == user.PIN)

    # -- users -----------------------------------------------------------------------------

    def enroll(self, users: list[user_pb2.UserInfo], overwrite: bool, what: str = "Enroll") -> None:
        """All or nothing: every user is checked before any is stored."""
        check_user_list(users, what)
        stored = [self.normalised(u, f"{what}: users[{i}]") for i, u in enumerate(users)]
        with self._lock:
            self._check_room(stored, what)
            if not overwrite:
                taken = [u.hdr.ID for u in stored if u.hdr.ID in self._users]
                if taken:
                    raise already_exists(
                        f"{what}: user {taken[0]} already exists on {self.label}; set overwrite to replace it"
                    )
            self.check_cards_free((u.hdr.ID, u.cards) for u in stored)
            self._store_logged(stored)

    def _check_room(self, users: list[user_pb2.UserInfo], what: str) -> None:
        new = sum(u.hdr.ID not in self._users for u in users)
        if len(self._users) + new > self.model.max_users:
            raise invalid(f"{what}: {self.label} is full ({self.model.max_users} users)")

    def _store_logged(self, users: list[user_pb2.UserInfo]) -> None:
        """Store each user and log it: 0x2000 for a new one; replacing one logs by reading
        overwrite_event."""
        for user in users:
            code = self.rules.overwrite_code if user.hdr.ID in self._users else Code.USER_ENROLL_SUCCESS
            self.store(user)
            self.log(code, self.rules.user_change_sub, user.hdr.ID)

    def update(self, users: list[user_pb2.UserInfo], enroll_unknown: bool, what: str = "User.Update") -> None:
        """Replace users but for the parts each one's hdr.updateMask keeps (KEEP_*; KEEP_NONE: as
        Enroll with overwrite). All or nothing, as Enroll. A user the terminal does not hold is
        enrolled, or NOT_FOUND (reading update_unknown_user: `enroll_unknown`)."""
        check_user_list(users, what)
        for i, u in enumerate(users):
            check_update_mask(u.hdr.updateMask, f"{what}: users[{i}].hdr.updateMask")
        sent = [(u.hdr.updateMask, self.normalised(u, f"{what}: users[{i}]")) for i, u in enumerate(users)]
        with self._lock:
            unknown = [u.hdr.ID for _, u in sent if u.hdr.ID not in self._users]
            if unknown and not enroll_unknown:
                raise not_found(f"{what}: user {unknown[0]} is not enrolled on {self.label}; Enroll it first")
            merged = []
            for keep, user in sent:
                old = self._users.get(user.hdr.ID)
                if old is not None:
                    for bit, field in _KEPT:
                        if keep & bit:
                            _take(user, old, field)
                    _count_credentials(user)
                merged.append(user)
            self._check_room(merged, what)
            self.check_cards_free((u.hdr.ID, u.cards) for u in merged)
            self._store_logged(merged)

    def check_cards_free(self, items: Iterable[tuple[str, Iterable[card_pb2.CSNCardData]]]) -> None:
        """Reading card_of_another_user=refused: a card belongs to one user; the terminal refuses
        and logs a duplicate (shared: it takes it, and a presented card is its first holder's)."""
        if not self.rules.cards_exclusive:
            return
        claimed: dict[bytes, str] = {}
        for uid, cards in items:
            for card in cards:
                key = card_key(card.data)
                holders = self.index[CARD].get(key)
                owner = claimed.get(key) or (holders[0][0] if holders else None)
                if owner is not None and owner != uid:
                    self.log(Code.USER_DUPLICATE_CREDENTIAL, self.rules.credential_sub[Input.CARD], uid, key)
                    raise already_exists(
                        f"card {key.lstrip(bytes(1)).hex()} is already assigned to user {owner}"
                    )
                claimed[key] = uid

    def normalised(self, user: user_pb2.UserInfo, field: str) -> user_pb2.UserInfo:
        """What the terminal keeps of a user it is sent (checked first): its own copy, the settings
        completed, the credential counts its lists'."""
        validation.user_info(user, self.model, field)
        out = user_pb2.UserInfo()
        out.CopyFrom(user)
        out.setting.CopyFrom(validation.user_setting(user.setting, user.HasField("setting"), self.model))
        out.hdr.updateMask = 0
        _count_credentials(out)
        return out

    def store(self, user: user_pb2.UserInfo) -> None:
        """Keep a user (replacing one of that ID) and index its credentials."""
        uid = user.hdr.ID
        self._unindex(uid)
        self._users[uid] = user
        for kind, held in _HELD.items():
            for item in getattr(user, kind.user_field):
                key, duress = held(item)
                if key is not None:
                    self.index[kind].setdefault(key, []).append((uid, duress))

    def _unindex(self, uid: str) -> None:
        old = self._users.pop(uid, None)
        if old is None:
            return
        for kind, held in _HELD.items():
            for item in getattr(old, kind.user_field):
                _drop(self.index[kind], held(item)[0], uid)

    def _existing(self, uid: str, what: str) -> user_pb2.UserInfo:
        try:
            return self._users[uid]
        except KeyError:
            raise not_found(f"{what}: user {uid} is not enrolled on {self.label}") from None

    def get_users(self, user_ids: list[str]) -> list[user_pb2.UserInfo]:
        ids = validation.user_ids(user_ids, "Get")
        with self._lock:
            found = [self._existing(uid, "Get") for uid in self._named(ids)]
            return [_copy(u) for u in found]

    def _read(self, user_ids: list[str], what: str, part: Callable[[user_pb2.UserInfo], Any]) -> list[Any]:
        """A part of each named user (mixed_user_ids as Get), made under the terminal's lock."""
        ids = validation.user_ids(user_ids, what)
        with self._lock:
            return [part(self._existing(uid, what)) for uid in self._named(ids)]

    def get_partial(
        self, user_ids: list[str], mask: int, what: str = "User.GetPartial"
    ) -> list[user_pb2.UserInfo]:
        """Only the parts infoMask names (USER_MASK_ALL: as Get)."""
        if mask > user_pb2.USER_MASK_ALL:
            raise invalid(
                f"{what}: infoMask 0x{mask:X} has bits outside InfoMask "
                f"(USER_MASK_ALL 0x{user_pb2.USER_MASK_ALL:X})"
            )
        return self._read(user_ids, what, lambda u: _partial(u, mask))

    def get_cards(self, user_ids: list[str]) -> list[user_pb2.UserCard]:
        return self._read(
            user_ids, "User.GetCard", lambda u: user_pb2.UserCard(userID=u.hdr.ID, cards=u.cards)
        )

    def get_fingers(self, user_ids: list[str]) -> list[user_pb2.UserFinger]:
        return self._read(
            user_ids, "User.GetFinger", lambda u: user_pb2.UserFinger(userID=u.hdr.ID, fingers=u.fingers)
        )

    def get_faces(self, user_ids: list[str]) -> list[user_pb2.UserFace]:
        return self._read(
            user_ids, "User.GetFace", lambda u: user_pb2.UserFace(userID=u.hdr.ID, faces=u.faces)
        )

    def get_access_groups(self, user_ids: list[str]) -> list[user_pb2.UserAccessGroup]:
        return self._read(
            user_ids,
            "User.GetAccessGroup",
            lambda u: user_pb2.UserAccessGroup(userID=u.hdr.ID, accessGroupIDs=u.accessGroupIDs),
        )

    def get_job_codes(self, user_ids: list[str]) -> list[user_pb2.UserJobCode]:
        return self._read(
            user_ids, "User.GetJobCode", lambda u: user_pb2.UserJobCode(userID=u.hdr.ID, jobCodes=u.jobCodes)
        )

    def statistic(self) -> user_pb2.UserStatistic:
        """Counted from the users held, never kept apart from them."""
        with self._lock:
            users = list(self._users.values())
            return user_pb2.UserStatistic(
                numOfUsers=len(users),
                numOfCards=sum(len(u.cards) for u in users),
                numOfFingerprints=sum(len(u.fingers) for u in users),
                numOfFaces=sum(len(u.faces) for u in users),
                numOfNames=sum(bool(u.name) for u in users),
                numOfImages=sum(bool(u.photo) for u in users),
                numOfPhrases=0,  # a UserInfo holds no phrase
            )

    def _named(self, ids: list[str]) -> list[str]:
        """The IDs a Get or Delete acts on (reading mixed_user_ids): all of them, so an unknown one
        fails the call, or only the known ones."""
        return ids if self.rules.mixed_ids_fail_whole else [uid for uid in ids if uid in self._users]

    def user_headers(self) -> list[user_pb2.UserHdr]:
        with self._lock:
            headers = []
            for u in self._users.values():
                hdr = user_pb2.UserHdr()
                hdr.CopyFrom(u.hdr)
                headers.append(hdr)
            return headers

    def delete_users(self, user_ids: list[str], what: str = "Delete") -> None:
        ids = validation.user_ids(user_ids, what)
        with self._lock:
            ids = self._named(ids)
            for uid in ids:  # check all first: a failed Delete removes nobody
                self._existing(uid, what)
            for uid in ids:
                self._unindex(uid)
                self.log(Code.USER_DELETE_SUCCESS, self.rules.user_change_sub, uid)

    def delete_all_users(self) -> None:
        with self._lock:
            self._users.clear()
            for held in self.index.values():
                held.clear()
            self.log(Code.USER_DELETE_ALL_SUCCESS, self.rules.user_change_sub)

    def set_cards(self, items: list[tuple[str, list[card_pb2.CSNCardData]]], what: str = "SetCard") -> None:
        self._set_credentials(what, CARD, items, validation.cards)

    def set_fingers(
        self, items: list[tuple[str, list[finger_pb2.FingerData]]], what: str = "SetFinger"
    ) -> None:
        self._set_credentials(what, FINGER, items, validation.fingers)

    def set_faces(self, items: list[tuple[str, list[face_pb2.FaceData]]], what: str = "SetFace") -> None:
        self._set_credentials(what, FACE, items, validation.faces)

    def _set_credentials(self, what: str, kind: Kind, items: list, check: Callable) -> None:  # type: ignore[type-arg]
        """Inferred: Set{Card,Finger,Face} replace the user's credentials of that kind and log an update."""
        field = f"user{kind.user_field.capitalize()}"  # userCards
        if not items:
            raise invalid(f"{what}: {field} is empty; name at least one user")
        entry = f"{field}[{{i}}].userID"
        validation.user_ids([uid for uid, _ in items], what, entry)
        for uid, creds in items:
            check(uid, creds, self.model)
        with self._lock:
            for uid, _ in items:
                self._existing(uid, what)
            if kind is CARD:
                self.check_cards_free(items)
            self._replace(kind.user_field, items)

    def set_access_groups(
        self, items: list[tuple[str, list[int]]], what: str = "User.SetAccessGroup"
    ) -> None:
        """Replace each user's access group IDs (the terminal holds no group definitions: any ID
        from 1 is taken, see validation.access_groups)."""
        check_access_group_items(items, what)
        self._set_part(what, "accessGroupIDs", items)

    def set_job_codes(
        self, items: list[tuple[str, list[tna_pb2.JobCode]]], what: str = "User.SetJobCode"
    ) -> None:
        check_job_code_items(items, what)
        self._set_part(what, "jobCodes", items)

    def _set_part(self, what: str, field: str, items: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Replace a part of existing users; all named users must exist (nothing changes otherwise)."""
        with self._lock:
            for uid, _ in items:
                self._existing(uid, what)
            self._replace(field, items)

    def _replace(self, field: str, items: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Give each user these values of one UserInfo field; logged as SetCard is (reading
        credential_set_event). The caller holds the lock and has checked everything."""
        for uid, values in items:
            user = _copy(self._users[uid])
            user.ClearField(field)
            getattr(user, field).extend(values)
            _count_credentials(user)
            self.store(user)
            if self.rules.logs_credential_set:  # reading credential_set_event
                self.log(Code.USER_UPDATE_SUCCESS, self.rules.user_change_sub, uid)


# -- checks of what no terminal's model decides: each call's own, and a Multi call's once ---------


def check_user_list(users: Sequence[user_pb2.UserInfo], what: str) -> None:
    """An Enroll's or Update's users: at least one, each ID once."""
    if not users:
        raise invalid(f"{what}: users is empty; send at least one UserInfo")
    ids = [u.hdr.ID for u in users]
    if len(set(ids)) != len(ids):
        raise invalid(f"{what}: the request holds the same user ID more than once")


def check_update_mask(mask: int, field: str) -> None:
    if mask & ~user_pb2.KEEP_ALL:
        raise invalid(f"{field} 0x{mask:X} has bits outside UpdateMask (KEEP_ALL 0x{user_pb2.KEEP_ALL:X})")


def check_users_model_free(users: Sequence[user_pb2.UserInfo], what: str, update: bool = False) -> None:
    """A Multi call's users, checked once before any terminal: the list, each ID, flag, name, PIN,
    photo, access groups and job codes (and an Update's mask). Credentials and auth modes depend
    on the model: each terminal checks those (a failure is that terminal's)."""
    check_user_list(users, what)
    for i, user in enumerate(users):
        field = f"{what}: users[{i}]"
        if update:
            check_update_mask(user.hdr.updateMask, f"{field}.hdr.updateMask")
        bare = user_pb2.UserInfo()
        bare.CopyFrom(user)
        for credential in ("cards", "fingers", "faces"):
            bare.ClearField(credential)
        validation.user_info(bare, _ANY_MODEL, field)


def check_entries(items: Sequence[tuple[str, Sequence[Any]]], what: str, entries: str) -> None:
    """A Set call's entries name users: at least one, each once, each ID valid."""
    if not items:
        raise invalid(f"{what}: {entries} is empty; name at least one user")
    validation.user_ids([uid for uid, _ in items], what, f"{entries}[{{i}}].userID")


def check_access_group_items(items: Sequence[tuple[str, list[int]]], what: str) -> None:
    check_entries(items, what, "userAccessGroups")
    for i, (_, ids) in enumerate(items):
        validation.access_groups(ids, f"{what}: userAccessGroups[{i}].accessGroupIDs")


def check_job_code_items(items: Sequence[tuple[str, list[tna_pb2.JobCode]]], what: str) -> None:
    check_entries(items, what, "userJobCodes")
    for i, (_, jobs) in enumerate(items):
        validation.job_codes(jobs, f"{what}: userJobCodes[{i}].jobCodes")


def pin_hash_with_key(pin: str, key: bytes, what: str) -> bytes:
    """GetPINHashWithKey: HMAC-SHA-256 of the digits under the key given, as reading
    pin_hash=keyed hashes under the gateway's own 32-byte key (firmware.pin_keyed): so with that
    key it is GetPINHash's hash under that reading. The key must be 32 bytes, as that one."""
    try:
        validation.pin(pin)
    except SimError as e:
        raise invalid(f"{what}: {e.message}") from None
    if len(key) != HASH_KEY_BYTES:
        raise invalid(f"{what}: hashKey is {len(key):,} bytes; it must be {HASH_KEY_BYTES}")
    return hmac.new(key, pin.encode(), hashlib.sha256).digest()


def _partial(user: user_pb2.UserInfo, mask: int) -> user_pb2.UserInfo:
    """The parts of a user an InfoMask names (see _MASKED)."""
    if mask & user_pb2.USER_MASK_ALL == user_pb2.USER_MASK_ALL:
        return _copy(user)
    out = user_pb2.UserInfo()
    if mask & user_pb2.USER_MASK_HDR:
        out.hdr.CopyFrom(user.hdr)
    else:
        out.hdr.ID = user.hdr.ID
    for setting_bit, fields in _SETTING_PARTS:
        if mask & setting_bit:
            for name in fields:
                setattr(out.setting, name, getattr(user.setting, name))
    for bit, field in _MASKED:
        if mask & bit:
            _take(out, user, field)
    for face in user.faces:
        visual = bool(face.flag & face_pb2.BS2_FACE_FLAG_EX)
        if mask & (user_pb2.USER_MASK_FACE_EX if visual else user_pb2.USER_MASK_FACE):
            out.faces.add().CopyFrom(face)
    return out


def _take(dst: user_pb2.UserInfo, src: user_pb2.UserInfo, field: str) -> None:
    """dst's field becomes src's (a list or a value)."""
    dst.ClearField(field)
    if dst.DESCRIPTOR.fields_by_name[field].is_repeated:
        getattr(dst, field).extend(getattr(src, field))
    else:
        setattr(dst, field, getattr(src, field))


def _drop(index: dict[bytes, list[Holder]], key: bytes | None, uid: str) -> None:
    """Remove a user's entries for one credential."""
    if key is None or key not in index:
        return
    kept = [h for h in index[key] if h[0] != uid]
    if kept:
        index[key] = kept
    else:
        del index[key]


def _count_credentials(user: user_pb2.UserInfo) -> None:
    user.hdr.numOfCard = len(user.cards)
    user.hdr.numOfFinger = len(user.fingers)
    user.hdr.numOfFace = len(user.faces)


def _copy(user: user_pb2.UserInfo) -> user_pb2.UserInfo:
    out = user_pb2.UserInfo()
    out.CopyFrom(user)
    return out
