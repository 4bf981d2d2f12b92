"""How a result is named and labelled in the report: which terminal, how severe, what it checks
and, for a non-pass, its cause class. The report's categories (allurerc.mjs) match these labels,
never message text (which holds event numbers).

Severity comes from a scenario's tags (@blocker, @critical, @normal, @minor, @trivial; the most
severe wins, a scenario's own tag over its feature's); untagged, a scenario whose outcome is a
refusal is critical (a terminal that lets the wrong person in), every other one normal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from biohil.report.terminals import TerminalFacts

SEVERITIES = ("blocker", "critical", "normal", "minor", "trivial")
DEFAULT_SEVERITY = "normal"
# A Then step that expects the terminal or server to keep someone out.
_REFUSAL = re.compile(
    r"refuse|\"(verify|identify) failure\"|\"authentication failure\"|\"access denied\"|answers 401"
)
EPICS = {"gsdk": "G-SDK", "findface": "FindFace"}
# The vendor's API page for what a feature checks (features/<folder>/<name>.feature).
_GSDK_API = "https://supremainc.github.io/g-sdk/api/{}/"
CONTRACT: dict[str, tuple[str, ...]] = {
    "auth_modes": ("auth", "event"),
    "private_auth": ("auth", "user"),
    "credential_enrollment": ("user", "card", "finger", "face"),
    "event_content": ("event",),
    "event_filtering": ("event",),
    "realtime_events": ("event",),
    "connection": ("connect", "device"),
}


def severity(tags: Iterable[str], then_steps: Iterable[str]) -> str:
    tagged = [tag for tag in tags if tag in SEVERITIES]
    if tagged:
        return min(tagged, key=SEVERITIES.index)
    return "critical" if any(_REFUSAL.search(step) for step in then_steps) else DEFAULT_SEVERITY


def contract_links(feature_stem: str) -> list[tuple[str, str]]:
    """(name, URL) of the vendor's API pages a feature's scenarios check."""
    return [(f"G-SDK {api} API", _GSDK_API.format(api)) for api in CONTRACT.get(feature_stem, ())]


@dataclass(frozen=True)
class Naming:
    """The labels and title of one scenario's result."""

    scenario: str  # the scenario's name, its Examples row filled in
    outline: str  # the scenario (outline) as written: the story
    epic: str  # G-SDK or FindFace
    target: str  # simulator or lab
    severity: str
    terminal: TerminalFacts | None = None  # G-SDK scenarios
    server: str = ""  # FindFace scenarios: the server's URL
    auth_type: str = ""  # FindFace scenarios on the simulator: the type it was started with

    @property
    def title(self) -> str:
        if self.terminal is not None:
            return f"{self.scenario} · {self.terminal.label} · firmware {self.terminal.firmware}"
        if self.auth_type:
            return f"{self.scenario} · {self.auth_type} authentication"
        return self.scenario

    def labels(self) -> list[tuple[str, str]]:
        found = [("epic", self.epic), ("story", self.outline), ("severity", self.severity)]
        found.append(("target", self.target))
        if self.terminal is not None:
            t = self.terminal
            found += [("terminal", t.label), ("model", t.model), ("firmware", t.firmware)]
            found.append(("device_id", str(t.device_id)))
        elif self.server:
            found.append(("terminal", f"FindFace {self.server}"))
        return found
