"""Test users: created only inside a reserved ID range, and removed again afterwards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from biohil.client import capabilities
from biohil.client.cleanup import remove_users
from biohil.client.gateway import Device
from biohil.client.readback import expect_user, stored_user
from biohil.gsdk import user_pb2


@dataclass(frozen=True)
class IdRange:
    first: int
    last: int

    def __post_init__(self) -> None:
        if not 0 < self.first <= self.last:
            raise ValueError(f"test user ID range {self.first}..{self.last} is empty or starts at 0")

    def __contains__(self, user_id: object) -> bool:
        """Only the canonical ASCII decimal form counts: "0900001" is not 900001, and neither
        are non-ASCII digits."""
        return (
            isinstance(user_id, str)
            and user_id.isascii()
            and user_id.isdigit()
            and not user_id.startswith("0")
            and self.first <= int(user_id) <= self.last
        )

    def __len__(self) -> int:
        return self.last - self.first + 1

    def __str__(self) -> str:
        return f"{self.first}..{self.last}"


DEFAULT_RANGE = IdRange(900_001, 900_999)  # recognisable, far from ordinary staff IDs


@dataclass(frozen=True)
class TestUser:
    """What a scenario knows about its user; short repr for the report."""

    __test__ = False  # not a pytest test class

    user_id: str
    name: str

    def info(self, name: str | None = None) -> user_pb2.UserInfo:
        return user_pb2.UserInfo(
            hdr=user_pb2.UserHdr(ID=self.user_id), name=self.name if name is None else name
        )


@dataclass
class TestUsers:
    """Hands out unused IDs from the range and deletes, at cleanup, the users it handed out."""

    __test__ = False

    device: Device
    id_range: IdRange = DEFAULT_RANGE
    issued: list[str] = field(default_factory=list)
    _on_device: frozenset[str] | None = field(default=None, init=False, repr=False)

    def __repr__(self) -> str:
        return f"TestUsers({self.id_range}, {len(self.issued)} issued)"

    def new(self, name: str) -> TestUser:
        if self._on_device is None:  # read once: within the test range only this run writes
            self._on_device = frozenset(h.ID for h in self.device.user_headers())
        taken = self._on_device | set(self.issued)
        for n in range(self.id_range.first, self.id_range.last + 1):
            if str(n) not in taken:
                self.issued.append(str(n))
                return TestUser(str(n), name)
        raise RuntimeError(f"no free test user ID left in {self.id_range} on device {self.device.id}")

    def unused_id(self) -> str:
        """An ID from the range that nobody has (reserved so no later test user gets it)."""
        return self.new("").user_id

    def cleanup(self) -> None:
        """Delete the issued users this run created that are still on the device (retried while
        the gateway is unreachable); never touches anyone else."""
        ours = [uid for uid in self.issued if uid in self.id_range and self.device.owns(uid)]
        if ours:
            remove_users(self.device, ours)
        self.issued.clear()


DAY = 86_400


def update_user(device: Device, user_id: str, change: Callable[[user_pb2.UserInfo], None]) -> None:
    """Change a stored user (read, change, enroll over it), keeping everything else; read back
    whole: the change and everything kept."""
    user = stored_user(device, user_id, "the scenario's earlier writes")
    change(user)
    device.enroll([user], overwrite=True)
    expect_user(device, user, "User.Enroll with overwrite")


def set_own_mode(device: Device, user_id: str, field: str, mode: int, name: str = "") -> None:
    """Store one of a user's own auth modes (a UserSetting field). A mode the terminal (called
    `name`) does not offer makes the scenario not applicable, before any change."""
    capabilities.require(device.capability(), f"{name or 'terminal'} {device.id}", [mode])
    update_user(device, user_id, lambda user: setattr(user.setting, field, mode))


def terminal_time(device: Device) -> int:
    """The terminal's own clock (Unix seconds), as its newest log record says; 0 for an empty log."""
    newest = device.events(device.newest_event_id(), 1)
    return newest[0].timestamp if newest else 0


def set_validity(device: Device, user_id: str, period: str) -> None:
    """'ended yesterday' or 'starts tomorrow', by the terminal's own clock."""
    now = terminal_time(device)
    start, end = {"ended yesterday": (0, now - DAY), "starts tomorrow": (now + DAY, 0)}[period]

    def valid(user: user_pb2.UserInfo) -> None:
        user.setting.startTime, user.setting.endTime = start, end

    update_user(device, user_id, valid)
