"""A terminal's users and their credentials: enrolment, the card / finger / face indexes, the
credential updates, and the lookups the auth engine makes (auth.Directory)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from biohil.eventcodes import Code, UserChangeOrigin
from biohil.gsdk import card_pb2, face_pb2, finger_pb2, user_pb2
from biohil.simulator import credentials, validation
from biohil.simulator.auth import CREDENTIAL_SUB, Factor
from biohil.simulator.clock import Clock
from biohil.simulator.devicecore import DeviceCore, EventSink
from biohil.simulator.errors import already_exists, invalid, not_found, precondition
from biohil.simulator.models import DeviceSpec


class Roster(DeviceCore):
    def __init__(self, spec: DeviceSpec, clock: Clock, on_event: EventSink) -> None:
        super().__init__(spec, clock, on_event)
        self._users: dict[str, user_pb2.UserInfo] = {}
        self._cards: dict[bytes, str] = {}  # 32-byte card block -> user
        self._fingers: dict[bytes, list[tuple[str, bool]]] = {}  # identity -> (user, duress)
        self._faces: dict[bytes, list[str]] = {}  # identity -> users

    def credential_of(self, factor: Factor, user_id: str, index: int, duress: bool) -> bytes:
        """The physical credential enrolled for a user: card block, finger or face identity."""
        with self._lock:
            user = self._existing(user_id, "Act")
            if factor is Factor.CARD:
                items: list[bytes | None] = [_card_key(c.data) for c in user.cards]
            elif factor is Factor.FINGER:
                fingers = [
                    f for f in user.fingers if bool(f.flag & finger_pb2.BS2_FINGER_FLAG_DURESS) == duress
                ]
                items = [credentials.finger_identity(f.templates[0]) for f in fingers]
            elif factor is Factor.FACE:
                items = [credentials.face_identity(f) for f in user.faces]
            else:
                raise invalid(f"Act: {factor.value} is typed, not enrolled; send its digits")
        kind = f"{'duress ' if duress else ''}{factor.value}"
        if index >= len(items):
            raise not_found(
                f"Act: user {user_id} has {len(items)} {kind} credential(s) on {self.label}, no #{index}"
            )
        token = items[index]
        if token is None:
            raise precondition(f"Act: user {user_id}'s {kind} #{index} was not captured by the simulator")
        return token

    # -- what the engine asks (auth.Directory) ------------------------------------------------

    def user(self, user_id: str) -> user_pb2.UserInfo | None:
        return self._users.get(user_id)

    def card_owner(self, card: bytes) -> str | None:
        return self._cards.get(_card_key(card))

    def finger_owner(self, identity: bytes) -> tuple[str, bool] | None:
        owners = self._fingers.get(identity)
        return owners[0] if owners else None

    def face_owner(self, identity: bytes) -> str | None:
        owners = self._faces.get(identity)
        return owners[0] if owners else None

    def finger_of(self, user_id: str, identity: bytes) -> bool | None:
        return next((duress for uid, duress in self._fingers.get(identity, ()) if uid == user_id), None)

    def face_of(self, user_id: str, identity: bytes) -> bool:
        return user_id in self._faces.get(identity, ())

    def pin_of(self, user_id: str, pin: bytes) -> bool:
        user = self._users.get(user_id)
        return bool(user is not None and user.PIN and credentials.pin_hash(pin.decode()) == user.PIN)

    # -- users -----------------------------------------------------------------------------

    def enroll(self, users: list[user_pb2.UserInfo], overwrite: bool) -> None:
        """All or nothing: every user is checked before any is stored."""
        if not users:
            raise invalid("Enroll: users is empty; send at least one UserInfo")
        ids = [u.hdr.ID for u in users]
        if len(set(ids)) != len(ids):
            raise invalid("Enroll: the request holds the same user ID more than once")
        stored = [self._normalised(u, f"Enroll: users[{i}]") for i, u in enumerate(users)]
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
            self._check_cards_free((u.hdr.ID, u.cards) for u in stored)
            for user in stored:
                # Inferred: replacing an existing user logs an update, a new one an enrolment.
                code = Code.USER_UPDATE_SUCCESS if user.hdr.ID in self._users else Code.USER_ENROLL_SUCCESS
                self._store(user)
                self.log(code, UserChangeOrigin.BY_SERVER, user.hdr.ID)

    def _check_cards_free(self, items: Iterable[tuple[str, Iterable[card_pb2.CSNCardData]]]) -> None:
        """Inferred: a card belongs to one user; the terminal refuses and logs a duplicate."""
        claimed: dict[bytes, str] = {}
        for uid, cards in items:
            for card in cards:
                key = _card_key(card.data)
                owner = claimed.get(key) or self._cards.get(key)
                if owner is not None and owner != uid:
                    self.log(Code.USER_DUPLICATE_CREDENTIAL, CREDENTIAL_SUB[Factor.CARD], uid, key)
                    raise already_exists(
                        f"card {key.lstrip(bytes(1)).hex()} is already assigned to user {owner}"
                    )
                claimed[key] = uid

    def _normalised(self, user: user_pb2.UserInfo, field: str) -> user_pb2.UserInfo:
        validation.user_info(user, self.model, field)
        out = user_pb2.UserInfo()
        out.CopyFrom(user)
        out.setting.CopyFrom(validation.user_setting(user.setting, user.HasField("setting"), self.model))
        out.hdr.updateMask = 0
        _count_credentials(out)
        return out

    def _store(self, user: user_pb2.UserInfo) -> None:
        self._unindex(user.hdr.ID)
        self._users[user.hdr.ID] = user
        uid = user.hdr.ID
        for card in user.cards:
            self._cards[_card_key(card.data)] = uid
        for finger in user.fingers:
            identity = credentials.finger_identity(finger.templates[0])
            if identity is not None:
                duress = bool(finger.flag & finger_pb2.BS2_FINGER_FLAG_DURESS)
                self._fingers.setdefault(identity, []).append((uid, duress))
        for face in user.faces:
            identity = credentials.face_identity(face)
            if identity is not None:
                self._faces.setdefault(identity, []).append(uid)

    def _unindex(self, uid: str) -> None:
        old = self._users.pop(uid, None)
        if old is None:
            return
        for card in old.cards:
            if self._cards.get(_card_key(card.data)) == uid:
                del self._cards[_card_key(card.data)]
        for finger in old.fingers:
            _drop(self._fingers, credentials.finger_identity(finger.templates[0]), uid)
        for face in old.faces:
            _drop(self._faces, credentials.face_identity(face), uid)

    def _existing(self, uid: str, what: str) -> user_pb2.UserInfo:
        try:
            return self._users[uid]
        except KeyError:
            raise not_found(f"{what}: user {uid} is not enrolled on {self.label}") from None

    def get_users(self, user_ids: list[str]) -> list[user_pb2.UserInfo]:
        ids = validation.user_ids(user_ids, "Get")
        with self._lock:
            found = [self._existing(uid, "Get") for uid in ids]
            return [_copy(u) for u in found]

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
            for uid in ids:  # check all first: a failed Delete removes nobody
                self._existing(uid, "Delete")
            for uid in ids:
                self._unindex(uid)
                self.log(Code.USER_DELETE_SUCCESS, UserChangeOrigin.BY_SERVER, uid)

    def delete_all_users(self) -> None:
        with self._lock:
            self._users.clear()
            self._cards.clear()
            self._fingers.clear()
            self._faces.clear()
            self.log(Code.USER_DELETE_ALL_SUCCESS, UserChangeOrigin.BY_SERVER)

    def set_cards(self, items: list[tuple[str, list[card_pb2.CSNCardData]]]) -> None:
        self._set_credentials("SetCard", "cards", items, validation.cards)

    def set_fingers(self, items: list[tuple[str, list[finger_pb2.FingerData]]]) -> None:
        self._set_credentials("SetFinger", "fingers", items, validation.fingers)

    def set_faces(self, items: list[tuple[str, list[face_pb2.FaceData]]]) -> None:
        self._set_credentials("SetFace", "faces", items, validation.faces)

    def _set_credentials(self, what: str, field_name: str, items: list, check: Callable) -> None:  # type: ignore[type-arg]
        """Inferred: Set{Card,Finger,Face} replace the user's credentials of that kind and log an update."""
        if not items:
            raise invalid(f"{what}: the request names no user")
        entry = f"user{field_name.capitalize()}[{{i}}].userID"  # userCards[{i}].userID
        validation.user_ids([uid for uid, _ in items], what, entry)
        for uid, creds in items:
            check(uid, creds, self.model)
        with self._lock:
            for uid, _ in items:
                self._existing(uid, what)
            if field_name == "cards":
                self._check_cards_free(items)
            for uid, creds in items:
                user = _copy(self._users[uid])
                user.ClearField(field_name)
                getattr(user, field_name).extend(creds)
                _count_credentials(user)
                self._store(user)
                self.log(Code.USER_UPDATE_SUCCESS, UserChangeOrigin.BY_SERVER, uid)


def _card_key(data: bytes) -> bytes:
    """Cards are matched on the 32-byte block a reader returns (shorter data right-aligned)."""
    return data.rjust(credentials.CARD_BYTES, b"\0")


def _drop(index: dict[bytes, list], identity: bytes | None, uid: str) -> None:  # type: ignore[type-arg]
    """Remove a user's entries for one biometric identity."""
    if identity is None or identity not in index:
        return
    kept = [o for o in index[identity] if (o if isinstance(o, str) else o[0]) != uid]
    if kept:
        index[identity] = kept
    else:
        del index[identity]


def _count_credentials(user: user_pb2.UserInfo) -> None:
    user.hdr.numOfCard = len(user.cards)
    user.hdr.numOfFinger = len(user.fingers)
    user.hdr.numOfFace = len(user.faces)


def _copy(user: user_pb2.UserInfo) -> user_pb2.UserInfo:
    out = user_pb2.UserInfo()
    out.CopyFrom(user)
    return out
