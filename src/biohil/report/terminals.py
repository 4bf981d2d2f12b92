"""What the report says about each terminal: model, device ID and firmware as the terminal itself
reports them (GetInfo, GetCapability), read once per terminal and run."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass, field

from biohil.client import Device, GsdkError, capabilities
from biohil.lab.terminal import Terminal

UNKNOWN = "unknown"


@dataclass(frozen=True)
class TerminalFacts:
    name: str  # how the lab calls it
    model: str
    device_id: int | None
    firmware: str = UNKNOWN
    address: str = ""
    info: dict[str, str] = field(default_factory=dict)  # every FactoryInfo field, as reported
    sensors: tuple[str, ...] = ()
    read_error: str = ""  # why GetInfo or GetCapability could not be read
    clock: str = ""  # the terminal's clock against the reference, as measured at preflight

    @property
    def label(self) -> str:
        """'FaceStation F2 541530001': the terminal in a result's title and in the tree."""
        return f"{self.model} {self.device_id}" if self.device_id is not None else self.model

    def describe(self) -> str:
        """The terminal's own account, for the attachment shown once per terminal and run."""
        lines = [f"{self.name} at {self.address}", f"device ID: {self.device_id}"]
        lines += [f"{key}: {value}" for key, value in self.info.items()]
        lines.append(f"sensors: {', '.join(self.sensors) or 'none'}")
        if self.clock:
            lines.append(f"clock: {self.clock}")
        if self.read_error:
            lines.append(f"could not be read: {self.read_error}")
        return "\n".join(lines)

    @classmethod
    def expected(cls, terminal: Terminal) -> TerminalFacts:
        """What the configuration says of a terminal the run has not read (firmware unknown)."""
        address = f"{terminal.ip}:{terminal.port}"
        return cls(terminal.name, terminal.model or terminal.name, terminal.device_id, address=address)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> TerminalFacts:
        data = dict(data)
        data["sensors"] = tuple(data.get("sensors", ()))  # type: ignore[arg-type]
        return cls(**data)  # type: ignore[arg-type]


def read_facts(name: str, address: str, expected_model: str | None, device: Device) -> TerminalFacts:
    """The terminal's info and sensors; what could not be read is said, not raised (a report
    must not fail a scenario)."""
    try:
        info = device.info()
        sensors = tuple(sorted(capabilities.sensors(device.capability())))
    except GsdkError as e:
        return TerminalFacts(name, expected_model or UNKNOWN, device.id, address=address, read_error=str(e))
    fields = {fd.name: str(value) for fd, value in info.ListFields()}
    return TerminalFacts(
        name,
        info.modelName or expected_model or UNKNOWN,
        device.id,
        info.firmwareVersion or UNKNOWN,
        address,
        fields,
        sensors,
    )


class Terminals:
    """Each terminal's facts, read the first time the run connects it."""

    def __init__(self) -> None:
        self.facts: dict[str, TerminalFacts] = {}  # by terminal name
        self.new: list[TerminalFacts] = []  # read since the last take_new()

    def __repr__(self) -> str:
        return f"Terminals({sorted(self.facts)})"

    def note(self, name: str, address: str, expected_model: str | None, device: Device, clock: str) -> None:
        if name not in self.facts:
            facts = read_facts(name, address, expected_model, device)
            facts = self.facts[name] = dataclasses.replace(facts, clock=clock)
            self.new.append(facts)

    def take_new(self) -> list[TerminalFacts]:
        new, self.new = self.new, []
        return new
