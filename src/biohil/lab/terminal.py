"""A terminal the suite should test: where to reach it, what it is expected to be, and the user
IDs the suite may use on it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from biohil.client.identity import Known, Profile
from biohil.client.testusers import DEFAULT_RANGE, IdRange


def test_id(name: str) -> str:
    """A terminal's name as it appears in test IDs: "F2 at the door" -> "F2atthedoor",
    "BioStation 2 #2" -> "BioStation2_2". Only letters, digits, "_" and ".", so the parallel
    scheduler can find it in a node ID and `pytest -k` can select it."""
    return re.sub(r"[^0-9A-Za-z_.]", "", name.replace("#", "_"))


@dataclass(frozen=True)
class Terminal:
    name: str  # how people and reports call it
    ip: str
    port: int
    model: str | None = None  # expected model name, when known
    device_id: int | None = None  # expected device ID, when known
    sensors: frozenset[str] | None = None  # card / fingerprint / face, when known in advance
    profile: Profile | None = None  # what else is known in advance: the simulator's model table
    known_from: str = "the simulator's model table"  # where model, device ID and the rest come from
    id_range: IdRange = DEFAULT_RANGE  # the only user IDs the suite may write on it
    use_ssl: bool = False
    shared_range: bool = False  # users in id_range that the suite did not create are tolerated
    # Whether its monitoring was on before the run, and how that is known: G-SDK has no call
    # that reads it, so the lab file declares it (biohil.lab.config) or a default is assumed.
    monitoring: bool = False
    monitoring_known: str = "as the simulator starts its terminals"

    def __repr__(self) -> str:
        return f"Terminal({self.name} at {self.ip}:{self.port})"

    @property
    def known(self) -> Known:
        """What it is known to be before it is asked, for the checks of what it says it is."""
        return Known(self.model, self.device_id, self.sensors, self.profile, self.known_from)

    @property
    def test_id(self) -> str:
        return test_id(self.name)

    @property
    def key(self) -> str:
        """Names its lock and journal files: one per terminal address."""
        return f"{self.ip}-{self.port}"
