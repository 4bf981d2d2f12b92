"""Every write read back, whole: what the terminal answers after a write is compared field by field
with what was written (nested messages field by field, repeated fields item by item). A
difference is the terminal's (Unexpected: product); the message names each differing field by
its path (`cards[1].data`, `setting.endTime`), what was written and what came back, for which
user and terminal; bytes as their size and a short hash, never their content.

What a terminal fills in itself, or may legitimately answer in another form, is listed below
with the contract's reason (`USER_READINGS`, `expected_user`, `_schedules_in_order`); every
other field must come back exactly as written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from google.protobuf.message import Message

from biohil.client.errors import GsdkError, NotFound, refusal
from biohil.client.gateway import Device
from biohil.credentials import KINDS, USER_ID_OWN_MODE_FIELDS
from biohil.gsdk import auth_pb2, user_pb2
from biohil.verdict import Unexpected

SHORT_HASH = 8  # hex digits of a value's sha256 shown in a message
MAX_TEXT = 60  # characters of a string shown in a message
MAX_ITEM = 240  # characters of a whole item (a card, a finger) shown in a message
CARD_BLOCK = 32  # bytes: a card's data as a reader returns it (contract 5.6)
DEVICE_MODES = auth_pb2.AUTH_MODE_NONE  # 0xFF in a user's own mode: "use the device's modes"

# (written, answered) -> whether the answer says the same as the write.
Reading = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Difference:
    path: str  # e.g. cards[1].data
    expected: str  # as written, or as the terminal is to fill it in (a count)
    answered: str

    def __str__(self) -> str:
        return f"{self.path}: expected {self.expected}, the terminal answered {self.answered}"


def short(data: bytes) -> str:
    """Bytes as a message shows them: '32 bytes sha256:1a2b3c4d', never their content."""
    if not data:
        return "0 bytes"
    return f"{len(data)} bytes sha256:{hashlib.sha256(data).hexdigest()[:SHORT_HASH]}"


def shown(value: Any, field: Any = None) -> str:
    """One value (of the FieldDescriptor `field`, if given) for a message: bytes by size and
    hash, an enum by name and number, a message by its set fields, a long string cut."""
    if isinstance(value, bytes):
        return short(value)
    if isinstance(value, Message):
        return _item(value)
    if isinstance(value, str):
        cut = value if len(value) <= MAX_TEXT else value[:MAX_TEXT] + f"... ({len(value)} characters)"
        return repr(cut)
    if field is not None and field.enum_type is not None:
        known = field.enum_type.values_by_number.get(value)
        return f"{known.name} ({value})" if known is not None else str(value)
    return str(value)


def _item(message: Message) -> str:
    parts = []
    for field, value in message.ListFields():
        if field.is_repeated:
            parts.append(f"{field.name}: [{', '.join(shown(v, field) for v in value)}]")
        else:
            parts.append(f"{field.name}: {shown(value, field)}")
    text = "{" + ", ".join(parts) + "}"
    return text if len(text) <= MAX_ITEM else text[: MAX_ITEM - 4] + "...}"


def differences(
    written: Message, answered: Message, readings: Mapping[str, Reading] | None = None, path: str = ""
) -> list[Difference]:
    """Every field of `written` against `answered`, in field order. `readings`, by the field's
    path without indexes ("cards.size"): where the terminal may answer a value in another form,
    whether its answer still says what was written."""
    readings = readings or {}
    out: list[Difference] = []
    for field in written.DESCRIPTOR.fields:
        name = f"{path}.{field.name}" if path else field.name
        plain = _plain(name)
        mine, theirs = getattr(written, field.name), getattr(answered, field.name)
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            raise TypeError(f"{name}: a map field; say here how its entries compare")  # none in G-SDK's
        if field.is_repeated:
            out += _lists(field, name, list(mine), list(theirs), readings)
        elif field.message_type is not None:  # an absent message reads as its defaults
            out += differences(mine, theirs, readings, name)
        elif not _same(plain, mine, theirs, readings):
            out.append(Difference(name, shown(mine, field), shown(theirs, field)))
    return out


def _lists(
    field: Any, name: str, mine: list[Any], theirs: list[Any], readings: Mapping[str, Reading]
) -> list[Difference]:
    out: list[Difference] = []
    plain = _plain(name)
    for i in range(max(len(mine), len(theirs))):
        at = f"{name}[{i}]"
        if i >= len(theirs):
            what = f"nothing ({len(theirs)} of {_items(len(mine))})"
            out.append(Difference(at, shown(mine[i], field), what))
        elif i >= len(mine):
            out.append(Difference(at, f"nothing ({_items(len(mine))})", shown(theirs[i], field)))
        elif field.message_type is not None:
            out += differences(mine[i], theirs[i], readings, at)
        elif not _same(plain, mine[i], theirs[i], readings):
            out.append(Difference(at, shown(mine[i], field), shown(theirs[i], field)))
    return out


def _items(n: int) -> str:
    return f"{n} item{'' if n == 1 else 's'}"


def _plain(path: str) -> str:
    """A path without its indexes: cards[1].data -> cards.data."""
    out, depth = [], 0
    for c in path:
        depth += c == "["
        if not depth:
            out.append(c)
        depth -= c == "]"
    return "".join(out)


def _same(plain: str, written: Any, answered: Any, readings: Mapping[str, Reading]) -> bool:
    if written == answered:
        return True
    reading = readings.get(plain)
    return reading is not None and reading(written, answered)


def expect_same(
    written: Message, answered: Message, what: str, readings: Mapping[str, Reading] | None = None
) -> None:
    """Unexpected (product), naming every differing field, unless the terminal answered what was
    written. `what` says whose and which terminal: "user 900001 on device 546830001, read back
    after User.SetCard"."""
    found = differences(written, answered, readings)
    if found:
        fields = "field differs" if len(found) == 1 else "fields differ"
        raise Unexpected(f"{what}: {len(found)} {fields} from what was written: {'; '.join(map(str, found))}")


# -- users ---------------------------------------------------------------------------------------

_OWN_MODE_FIELDS = sorted({f for k in KINDS for f in k.own_mode_fields} | set(USER_ID_OWN_MODE_FIELDS))


def _unset_own_mode(written: int, answered: int) -> bool:
    # 0 is the proto default: an own mode the suite left unset. A terminal may answer it as 0xFF,
    # "use the device's modes" (contract 5.4), which is what an unset own mode means. (On a classic
    # terminal 0 in biometricAuthMode is also "biometric only"; which one it stored shows in the
    # authentication scenarios, not here.)
    return written == 0 and answered == DEVICE_MODES


def _card_block(written: bytes, answered: bytes) -> bool:
    # A terminal keeps a card's number as the 32-byte block a reader returns, right-aligned and
    # zero-padded on the left (contract 5.6); shorter data written comes back padded.
    return len(written) < CARD_BLOCK and answered == written.rjust(CARD_BLOCK, b"\0")


def _card_size(written: int, answered: int) -> bool:
    # CSNCardData.size is always 32, the block's size (contract 5.6): a size written unset or as
    # the shorter data's length comes back as 32.
    return written < CARD_BLOCK and answered == CARD_BLOCK


def _client_side(written: int, answered: int) -> bool:
    # FingerData/FaceData.index is the client's own numbering (contract 5.6: "index is client-side
    # only"): a terminal need not keep it. The order of the list is checked instead.
    return True


def _update_mask(written: int, answered: int) -> bool:
    # UserHdr.updateMask is only meaningful in an Update request (contract 2.4): a terminal need
    # not keep it.
    return answered == 0


USER_READINGS: dict[str, Reading] = {
    **{f"setting.{f}": _unset_own_mode for f in _OWN_MODE_FIELDS},
    "cards.data": _card_block,
    "cards.size": _card_size,
    "fingers.index": _client_side,
    "faces.index": _client_side,
    "hdr.updateMask": _update_mask,
}


def expected_user(written: user_pb2.UserInfo) -> user_pb2.UserInfo:
    """The user as the terminal should answer it: as written, with the counts the terminal fills
    in itself (hdr.numOfCard/numOfFinger/numOfFace: how many of each the user holds, contract 2.4)."""
    out = user_pb2.UserInfo()
    out.CopyFrom(written)
    out.hdr.numOfCard, out.hdr.numOfFinger, out.hdr.numOfFace = (
        len(out.cards),
        len(out.fingers),
        len(out.faces),
    )
    return out


def stored_user(device: Device, user_id: str, after: str) -> user_pb2.UserInfo:
    """The user as the terminal answers User.Get; Unexpected if it does not know the user."""
    try:
        answered = device.users(user_id)
    except NotFound as e:
        raise Unexpected(f"user {user_id} on device {device.id}, read back after {after}: {e}") from None
    if [u.hdr.ID for u in answered] != [user_id]:
        ids = [u.hdr.ID for u in answered]
        raise Unexpected(
            f"user {user_id} on device {device.id}, read back after {after}: User.Get answered users {ids}"
        )
    return answered[0]


def expect_user(device: Device, written: user_pb2.UserInfo, after: str) -> user_pb2.UserInfo:
    """The terminal returns the user whole as written (User.Get after the write answered OK);
    returns what it answered."""
    user_id = written.hdr.ID
    answered = stored_user(device, user_id, after)
    where = f"user {user_id} on device {device.id}, read back after {after}"
    expect_same(expected_user(written), answered, where, USER_READINGS)
    return answered


def expect_no_user(device: Device, user_id: str, after: str) -> None:
    """The terminal no longer knows the user: User.Get answers NOT_FOUND and User.GetList leaves
    it out; else Unexpected saying what came back."""
    where = f"user {user_id} on device {device.id} after {after}"
    try:
        answered = device.users(user_id)
    except NotFound:
        answered = []
    if answered:
        got = "; ".join(_item(u) for u in answered)
        raise Unexpected(f"{where}: expected User.Get to answer NOT_FOUND, the terminal answered {got}")
    if user_id in {h.ID for h in device.user_headers()}:
        raise Unexpected(f"{where}: User.Get answers NOT_FOUND, but User.GetList still lists the user")


def expect_named(device: Device, user_id: str, name: str) -> None:
    """The terminal returns the user under this name."""
    stored = stored_user(device, user_id, "the scenario's writes")
    if stored.name != name:
        raise Unexpected(
            f"user {user_id} on device {device.id}: name: expected {shown(name)}, "
            f"the terminal answered {shown(stored.name)}"
        )


def expect_listed(device: Device, user_id: str) -> None:
    """User.GetList includes the user."""
    listed = [h.ID for h in device.user_headers()]
    if user_id not in listed:
        raise Unexpected(
            f"user {user_id} on device {device.id}: expected in User.GetList, the terminal listed "
            f"{len(listed)} users, not this one"
        )


@dataclass(frozen=True)
class Change:
    """A write a scenario expects the terminal to take or to refuse, and how it answered."""

    what: str  # "enrollment", "assignment"
    user_id: str
    device_id: int
    error: GsdkError | None

    def __repr__(self) -> str:
        return f"Change({self.what} of user {self.user_id}: {'refused' if self.error else 'taken'})"

    @property
    def where(self) -> str:
        return f"the {self.what} of user {self.user_id} on device {self.device_id}"

    def expect(self, outcome: str) -> None:
        """The terminal "accepted" or "refused" it; else Unexpected saying what it answered."""
        where = self.where
        if outcome not in ("accepted", "refused"):
            raise ValueError(f'"{outcome}": say accepted or refused')
        if outcome == "accepted" and self.error is not None:
            raise Unexpected(f"{where}: expected the terminal to accept it, it answered {self.error}")
        if outcome == "refused" and self.error is None:
            raise Unexpected(f"{where}: expected the terminal to refuse it, it answered OK")


def refusable(device: Device, what: str, user_id: str, write: Callable[[], object]) -> Change:
    """A write the terminal may refuse, sent; its answer kept for a later expectation (a gateway
    or link failure is raised: no answer at all)."""
    return Change(what, user_id, device.id, refusal(write))


# -- the auth config -----------------------------------------------------------------------------


def _schedules_in_order(config: auth_pb2.AuthConfig) -> auth_pb2.AuthConfig:
    # authSchedules is a set of (mode, schedule) pairs (contract 5.4): the order a terminal lists
    # them in carries no meaning, so both sides are compared sorted.
    out = auth_pb2.AuthConfig()
    out.CopyFrom(config)
    entries = sorted(config.authSchedules, key=lambda s: (s.mode, s.scheduleID))
    del out.authSchedules[:]
    out.authSchedules.extend(entries)
    return out


def auth_config_differences(written: auth_pb2.AuthConfig, answered: auth_pb2.AuthConfig) -> list[Difference]:
    """Every field of AuthConfig, every schedule entry and operator."""
    return differences(_schedules_in_order(written), _schedules_in_order(answered))


def expect_auth_config(device: Device, written: auth_pb2.AuthConfig, after: str) -> None:
    """The terminal returns the auth config whole as written (Auth.GetConfig after the write
    answered OK); else Unexpected naming every field that differs."""
    expect_same(
        _schedules_in_order(written),
        _schedules_in_order(device.auth_config()),
        f"the auth config of device {device.id}, read back after {after}",
    )
