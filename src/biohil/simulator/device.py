"""One simulated terminal: its auth config and engine, on top of the parts it is made of
(devicecore: identity, lock and event log; roster: users and credentials; scans: a person's input
and waiting Scans). The parts are mixins of one object rather than separate objects, so they share
one lock and one state, and a patch of a SimDevice method (bench/mutants.py) reaches every caller."""

from __future__ import annotations

from biohil.gsdk import auth_pb2
from biohil.simulator import validation
from biohil.simulator.auth import Engine, Factor
from biohil.simulator.clock import Clock
from biohil.simulator.devicecore import EventSink
from biohil.simulator.models import DeviceSpec
from biohil.simulator.roster import Roster
from biohil.simulator.scans import Scanner


class SimDevice(Scanner, Roster):
    def __init__(self, spec: DeviceSpec, clock: Clock, on_event: EventSink) -> None:
        super().__init__(spec, clock, on_event)
        self._auth = auth_pb2.AuthConfig(
            authSchedules=[
                auth_pb2.AuthSchedule(mode=m, scheduleID=validation.ALWAYS_SCHEDULE)  # type: ignore[arg-type]
                for m in self.model.default_modes
            ],
            matchTimeout=self.model.default_match_timeout,
            authTimeout=self.model.default_auth_timeout,
        )
        typed = frozenset((Factor.PIN, Factor.USER_ID)) if self.model.keypad else frozenset()
        self.engine = Engine(
            self.sensors | typed,
            self.model.extended_auth,
            self,
            lambda: self._auth,
            clock,
            self._log_outcome,
            self._run_locked,
        )

    def __repr__(self) -> str:
        return f"SimDevice({self.model.name} {self.device_id})"

    # -- auth config -----------------------------------------------------------------------

    def auth_config(self) -> auth_pb2.AuthConfig:
        with self._lock:
            out = auth_pb2.AuthConfig()
            out.CopyFrom(self._auth)
            return out

    def set_auth_config(self, config: auth_pb2.AuthConfig) -> None:
        """Inferred: SetConfig replaces the whole config (there is no field mask)."""
        validation.auth_config(config, self.model)
        with self._lock:
            self._auth.CopyFrom(config)
            self.engine.reset()
