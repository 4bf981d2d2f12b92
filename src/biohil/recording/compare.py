"""How a recorded answer is compared with the simulator's: what must differ is put aside, the
rest must be equal.

What must differ between a lab terminal and a simulated one, and how the comparison treats it:

- event IDs: left out (a log's IDs are its history); the order of records is compared. A record
  from before the run (at or below the newest ID when the run first read the log) stands only
  for "a record": its content is someone else's.
- times (`timestamp`, `startTime`, `endTime`): left out.
- bytes (cards, templates, images, PIN hashes): bytes seen for the first time on both sides are
  paired; from then on the lab's bytes must come back as the simulator's pair of them (a
  template enrolled is the template read back). A PIN hash is a function of the digits: it must
  be equal.
- version strings and MAC address (GetInfo): their form only (numbers as N, a MAC address's hex
  as X), so that a firmware '1.11.2' matches '1.11.0' but not '1.11.0 (simulated)'.
- users and terminals outside the run: a lab terminal has users of its own and the gateway other
  terminals; only the run's terminals and user IDs in its test ranges are compared.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor

from biohil.eventcodes import describe
from biohil.recording.transcript import Json, is_mask

TIME_FIELDS = frozenset({"timestamp", "startTime", "endTime"})
EVENT_LOG = "gsdk.event.EventLog"
FACTORY_INFO = "gsdk.device.FactoryInfo"
FORM_FIELDS = frozenset({"firmwareVersion", "kernelVersion", "BSCoreVersion", "boardVersion", "MACAddr"})
# Bytes a terminal computes from the request alone: the lab's and the simulator's must be equal.
COMPUTED_BYTES = frozenset({("User.GetPINHash", "hashVal")})
LAB, SIM = "lab", "simulator"
BEFORE_THE_RUN = {"record": "from before the run"}
SHOWN = 3  # items of a list quoted in a difference
VALUE_CHARS = 100


@dataclass(frozen=True)
class Scope:
    """What the run had to do with: its terminals, and the user IDs it may write on them."""

    devices: frozenset[int]
    test_ids: tuple[tuple[int, int], ...] = ()

    def user(self, user_id: str) -> bool:
        if not self.test_ids:
            return True
        return user_id.isdigit() and any(first <= int(user_id) <= last for first, last in self.test_ids)

    def device(self, device_id: int) -> bool:
        return not self.devices or device_id in self.devices


@dataclass
class Correspondence:
    """What the lab's and the simulator's answers pair up as the replay meets them: bytes by
    hash, times of paired records, and each terminal's log as the run found it."""

    lab_to_sim: dict[str, str] = field(default_factory=dict)  # hash -> hash
    sim_to_lab: dict[str, str] = field(default_factory=dict)
    raw: dict[str, bytes] = field(default_factory=dict)  # the simulator's bytes by hash
    # a lab record's time (whole seconds) -> the earliest and latest time of its pairs: records of
    # one second in the lab may fall in two seconds of the replay
    times: dict[int, tuple[int, int]] = field(default_factory=dict)
    baseline: dict[tuple[str, int], int] = field(default_factory=dict)  # (side, device) -> newest ID

    # -- bytes ---------------------------------------------------------------------------------

    def offer(self, lab: Json, sim: Json) -> None:
        """Bytes at the same place of both answers: paired if neither side's were seen before
        (the same card, template or image, from now on)."""
        ours, theirs = lab["sha256"], sim["sha256"]
        if ours == theirs or (ours not in self.lab_to_sim and theirs not in self.sim_to_lab):
            self.lab_to_sim.setdefault(ours, theirs)
            self.sim_to_lab.setdefault(theirs, ours)

    def same_bytes(self, lab: Json, sim: Json) -> bool:
        ours, theirs = str(lab["sha256"]), str(sim["sha256"])
        return ours == theirs or self.lab_to_sim.get(ours) == theirs

    def bytes_for(self, masked: Json) -> bytes | None:
        """The simulator's bytes for bytes the lab sent (None: no answer gave them)."""
        lab = str(masked["sha256"])
        return self.raw.get(self.lab_to_sim.get(lab, lab))

    # -- times ---------------------------------------------------------------------------------

    def pair_times(self, lab: int, sim: int) -> None:
        if lab and sim:
            first, last = self.times.get(lab, (sim, sim))
            self.times[lab] = (min(first, sim), max(last, sim))

    def time(self, lab: int, offset: float, end: bool = False) -> int:
        """A lab time as the simulator's: moved as the nearest paired record's time was (the
        latest of its pairs for the `end` of a range, else the earliest), else by `offset` (the
        simulator's clock minus the lab's when the call was sent)."""
        if not lab:
            return 0
        if not self.times:
            return max(0, round(lab + offset))
        known = sorted(self.times)
        i = bisect.bisect_left(known, lab)
        near = min(known[max(0, i - 1) : i + 1], key=lambda t: abs(t - lab))
        return max(0, lab + self.times[near][1 if end else 0] - near)


# -- normalizing ---------------------------------------------------------------------------------


def normal(data: Any, descriptor: Descriptor, side: str, corr: Correspondence, scope: Scope) -> Any:
    """The JSON of a message with what must differ put aside (see the module's words)."""
    if descriptor.full_name == EVENT_LOG:
        device = int(data.get("deviceID", 0))
        if int(data.get("ID", 0)) <= corr.baseline.get((side, device), 0):
            return dict(BEFORE_THE_RUN)
    out: Json = {}
    for fd in descriptor.fields:
        if fd.name not in data:
            continue
        value = data[fd.name]
        if fd.name in TIME_FIELDS and fd.type == FieldDescriptor.TYPE_UINT32:
            continue
        if descriptor.full_name == EVENT_LOG and fd.name == "ID":
            continue
        if descriptor.full_name == FACTORY_INFO and fd.name in FORM_FIELDS:
            out[fd.name] = form(str(value), hexadecimal=fd.name == "MACAddr")
        elif fd.type == FieldDescriptor.TYPE_MESSAGE and fd.message_type is not None:
            kind = fd.message_type
            if isinstance(value, list):
                kept = [v for v in value if _in_scope(v, kind, scope)]
                out[fd.name] = [normal(v, kind, side, corr, scope) for v in kept]
            else:
                out[fd.name] = normal(value, kind, side, corr, scope)
        else:
            out[fd.name] = value
    return out


def _in_scope(item: Json, descriptor: Descriptor, scope: Scope) -> bool:
    """A terminal the run did not use, a user outside its test IDs: not the run's to compare."""
    names = {f.name for f in descriptor.fields}
    if "deviceID" in names and not scope.device(int(item.get("deviceID", 0))):
        return False
    if descriptor.full_name == "gsdk.user.UserHdr":
        return scope.user(str(item.get("ID", "")))
    return True


def form(text: str, hexadecimal: bool = False) -> str:
    """What a version or an address looks like: '1.11.2 (beta)' -> 'N.N.N (beta)', a MAC
    address '00:17:FC:A1:B2:C3' -> 'X:X:X:X:X:X'."""
    return re.sub(r"[0-9A-Fa-f]+" if hexadecimal else r"[0-9]+", "X" if hexadecimal else "N", text)


# -- comparing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """Where the simulator's answer differs first, with both values in short."""

    where: str
    lab: str
    sim: str


def differ(
    lab: Any, sim: Any, descriptor: Descriptor, corr: Correspondence, method: str = "", path: str = ""
) -> Found | None:
    """The first difference of two normalized messages (None: equal)."""
    for fd in descriptor.fields:
        ours, theirs = lab.get(fd.name), sim.get(fd.name)
        if ours is None and theirs is None:
            continue
        where = f"{path}{fd.name}"
        if fd.type == FieldDescriptor.TYPE_MESSAGE and fd.message_type is not None:
            kind = fd.message_type
            if fd.is_repeated:
                found = differ_lists(ours or [], theirs or [], kind, corr, method, where)
            elif ours is None or theirs is None:
                found = Found(where, _short(ours, kind), _short(theirs, kind))
            else:
                found = differ(ours, theirs, kind, corr, method, where + ".")
        elif fd.type == FieldDescriptor.TYPE_BYTES:
            found = _differ_bytes(ours, theirs, corr, where, (method, fd.name) in COMPUTED_BYTES)
        else:
            found = None if ours == theirs else Found(where, _scalar(fd.name, ours), _scalar(fd.name, theirs))
        if found is not None:
            return found
    return None


def differ_lists(
    lab: list[Any], sim: list[Any], kind: Descriptor, corr: Correspondence, method: str = "", where: str = ""
) -> Found | None:
    """The first difference of two lists of normalized messages (None: equal, in order)."""
    for i, (ours, theirs) in enumerate(zip(lab, sim, strict=False)):
        if differ(ours, theirs, kind, corr, method, f"{where}[{i}].") is not None:
            return Found(where, _items(lab[i:], kind, i), _items(sim[i:], kind, i))
    if len(lab) != len(sim):
        n = min(len(lab), len(sim))
        return Found(where, _items(lab[n:], kind, n), _items(sim[n:], kind, n))
    return None


def _differ_bytes(lab: Any, sim: Any, corr: Correspondence, where: str, computed: bool) -> Found | None:
    ours = lab if isinstance(lab, list) else [] if lab is None else [lab]
    theirs = sim if isinstance(sim, list) else [] if sim is None else [sim]
    if len(ours) != len(theirs):
        return Found(where, f"{len(ours)} byte strings", f"{len(theirs)} byte strings")
    for a, b in zip(ours, theirs, strict=True):
        if not (is_mask(a) and is_mask(b)):
            continue
        if not (a["sha256"] == b["sha256"] if computed else corr.same_bytes(a, b)):
            return Found(where, _bytes(a), _bytes(b))
    return None


def _bytes(masked: Json) -> str:
    return f"{masked['bytes']} bytes #{masked['sha256'][:8]}"


def _scalar(name: str, value: Any) -> str:
    if value is None:
        return "(unset)"
    if name in ("eventCode", "subCode") and isinstance(value, int):
        return f"0x{value:04X}" if name == "eventCode" else f"0x{value:02X}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def _items(items: list[Any], kind: Descriptor, start: int) -> str:
    """List items from `start` on, for a difference: '[#2 VERIFY_SUCCESS (0x1000/0x06) user 900001]'."""
    if not items:
        return f"nothing from item {start} on"
    shown = [_short(item, kind) for item in items[:SHOWN]]
    more = f" …{len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return f"from item {start}: " + "; ".join(shown) + more


def _short(item: Any, kind: Descriptor) -> str:
    if item is None:
        return "(none)"
    if kind.full_name == EVENT_LOG:
        if item == BEFORE_THE_RUN:
            return "a record from before the run"
        user = f" user {item['userID']}" if item.get("userID") else ""
        return describe(int(item.get("eventCode", 0)), int(item.get("subCode", 0))) + user
    text = ", ".join(f"{k}: {_plain(v)}" for k, v in item.items())
    text = "{" + text + "}"
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…}"


def _plain(value: Any) -> str:
    if is_mask(value):
        return _bytes(value)
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return f"[{len(value)}]"
    return repr(value) if isinstance(value, str) else str(value)


def pair_bytes(lab: Any, sim: Any, descriptor: Descriptor, corr: Correspondence, method: str = "") -> None:
    """Offer every pair of bytes at the same place of two normalized messages (a PIN hash too:
    the replay then sends the simulator's where the lab sent its own, though the answer that gave
    them differs)."""
    for fd in descriptor.fields:
        ours, theirs = lab.get(fd.name), sim.get(fd.name)
        if ours is None or theirs is None:
            continue
        pairs = zip(_listed(ours), _listed(theirs), strict=False)
        if fd.type == FieldDescriptor.TYPE_BYTES:
            for a, b in pairs:
                if is_mask(a) and is_mask(b):
                    corr.offer(a, b)
        elif fd.type == FieldDescriptor.TYPE_MESSAGE and fd.message_type is not None:
            for a, b in pairs:
                if isinstance(a, dict) and isinstance(b, dict):
                    pair_bytes(a, b, fd.message_type, corr, method)


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def events_of(data: Json, descriptor: Descriptor) -> Iterable[Json]:
    """The EventLog records a message's JSON holds (a log read's answer, or a streamed one)."""
    if descriptor.full_name == EVENT_LOG:
        yield data
        return
    for fd in descriptor.fields:
        if fd.message_type is not None and fd.message_type.full_name == EVENT_LOG and fd.name in data:
            value = data[fd.name]
            yield from value if isinstance(value, list) else [value]
