"""A terminal's users and their credentials: enrolment, the credential indexes (one per kind of
credential), the credential updates, and the lookups the auth engine makes (auth.Directory).

A part of one terminal (device.SimDevice): it runs under the terminal's lock and writes the
terminal's log; the terminal's firmware rules give the sub-code of a duplicate card.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from biohil.credentials import BY_INPUT, KINDS, Input, Kind
from biohil.eventcodes import Code
from biohil.gsdk import card_pb2, face_pb2, finger_pb2, user_pb2
from biohil.simulator import credentials, validation
from biohil.simulator.errors import already_exists, invalid, not_found, precondition
from biohil.simulator.eventlog import Record
from biohil.simulator.firmware import Firmware
from biohil.simulator.models import DeviceModel

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

    def enroll(self, users: list[user_pb2.UserInfo], overwrite: bool) -> None:
        """All or nothing: every user is checked before any is stored."""
        if not users:
            raise invalid("Enroll: users is empty; send at least one UserInfo")
        ids = [u.hdr.ID for u in users]
        if len(set(ids)) != len(ids):
            raise invalid("Enroll: the request holds the same user ID more than once")
        stored = [self.normalised(u, f"Enroll: users[{i}]") for i, u in enumerate(users)]
        with self._lock:
            new = sum(u.hdr.ID not in self._users for u in stored)
            if len(self._users) + new > self.model.max_users:
                raise invalid(f"Enroll: {self.label} is full ({self.model.max_users} users)")
            if not overwrite:
                taken = [u.hdr.ID for u in stored if u.hdr.ID in self._users]
                if taken:
                    raise already_exists(
                        f"Enroll: user {taken[0]} already exists on {self.label}; set overwrite to replace it"
                    )
            self.check_cards_free((u.hdr.ID, u.cards) for u in stored)
            for user in stored:
                # Reading overwrite_event: what replacing an existing user logs.
                code = self.rules.overwrite_code if user.hdr.ID in self._users else Code.USER_ENROLL_SUCCESS
                self.store(user)
                self.log(code, self.rules.user_change_sub, user.hdr.ID)

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

    def delete_users(self, user_ids: list[str]) -> None:
        ids = validation.user_ids(user_ids, "Delete")
        with self._lock:
            ids = self._named(ids)
            for uid in ids:  # check all first: a failed Delete removes nobody
                self._existing(uid, "Delete")
            for uid in ids:
                self._unindex(uid)
                self.log(Code.USER_DELETE_SUCCESS, self.rules.user_change_sub, uid)

    def delete_all_users(self) -> None:
        with self._lock:
            self._users.clear()
            for held in self.index.values():
                held.clear()
            self.log(Code.USER_DELETE_ALL_SUCCESS, self.rules.user_change_sub)

    def set_cards(self, items: list[tuple[str, list[card_pb2.CSNCardData]]]) -> None:
        self._set_credentials("SetCard", CARD, items, validation.cards)

    def set_fingers(self, items: list[tuple[str, list[finger_pb2.FingerData]]]) -> None:
        self._set_credentials("SetFinger", FINGER, items, validation.fingers)

    def set_faces(self, items: list[tuple[str, list[face_pb2.FaceData]]]) -> None:
        self._set_credentials("SetFace", FACE, items, validation.faces)

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
            for uid, creds in items:
                user = _copy(self._users[uid])
                user.ClearField(kind.user_field)
                getattr(user, kind.user_field).extend(creds)
                _count_credentials(user)
                self.store(user)
                if self.rules.logs_credential_set:  # reading credential_set_event
                    self.log(Code.USER_UPDATE_SUCCESS, self.rules.user_change_sub, uid)


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
