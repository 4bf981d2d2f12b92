"""A terminal's auth config, changed for a scenario and put back afterwards, pass or fail."""

from __future__ import annotations

from biohil.client import capabilities
from biohil.client.cleanup import put_auth_config
from biohil.client.gateway import Device
from biohil.client.readback import expect_auth_config
from biohil.contract import ALWAYS_SCHEDULE
from biohil.gsdk import auth_pb2

SUITE_AUTH_TIMEOUT = 5  # seconds; short, so a real terminal's timeout scenarios stay quick


class AuthConfigGuard:
    """`name`: how people call the terminal, for the reason when it does not offer a mode."""

    def __init__(self, device: Device, name: str = "") -> None:
        self.device = device
        self.name = name
        self.original: auth_pb2.AuthConfig | None = None
        self._timeout_set = 0  # the auth timeout apply() last wrote (0: none yet)
        self.wanted_timeout = SUITE_AUTH_TIMEOUT  # what apply() sets
        self.modes: list[int] = []
        self.private = False

    def __repr__(self) -> str:
        return f"AuthConfigGuard({self.device.id}, {'changed' if self.original else 'untouched'})"

    def apply(self, modes: list[int], private: bool) -> None:
        """Enable exactly these modes (always), set private auth; everything else stays as found.
        A mode the terminal does not offer makes the scenario not applicable, before any change."""
        if list(modes) != self.modes:  # the same modes again (a new timeout): checked already
            who = f"{self.name or 'terminal'} {self.device.id}"
            capabilities.require(self.device.capability(), who, modes)
        if self.original is None:
            self.original = self.device.auth_config()  # read before the first change
        config = auth_pb2.AuthConfig()
        config.CopyFrom(self.original)
        del config.authSchedules[:]
        config.authSchedules.extend(auth_pb2.AuthSchedule(mode=m, scheduleID=ALWAYS_SCHEDULE) for m in modes)  # type: ignore[arg-type]
        config.usePrivateAuth = private
        config.authTimeout = self.wanted_timeout
        self.device.set_auth_config(config)
        expect_auth_config(self.device, config, "Auth.SetConfig")  # every field, not just the modes
        self._timeout_set = self.wanted_timeout
        self.modes, self.private = list(modes), private

    def timeout(self) -> int:
        """The terminal's auth timeout (seconds): the one this guard set, else the terminal's own
        (read from it: the one way to know the timeout an attempt runs under)."""
        return self._timeout_set or self.device.auth_config().authTimeout

    def set_timeout(self, seconds: int) -> None:
        """The auth timeout for the scenario, with the modes set before or after."""
        self.wanted_timeout = seconds
        if self.original is not None:
            self.apply(self.modes, self.private)

    def set_private(self, private: bool) -> None:
        """Turn private authentication on or off, keeping the modes this guard set."""
        self.apply(self.modes, private)

    def restore(self) -> None:
        """Put back what was found (retried while the gateway is unreachable), written whatever a
        read says, then read back whole: Unexpected if the terminal holds something else."""
        if self.original is not None:
            original, self.original = self.original, None
            put_auth_config(self.device, original)
            expect_auth_config(self.device, original, "the auth config was put back (Auth.SetConfig)")
