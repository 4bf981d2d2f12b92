"""What a run records for its report, in one process: kept for the run, cut per scenario."""

from __future__ import annotations

from dataclasses import dataclass, field

from biohil.findface.exchanges import Exchanges
from biohil.report.calls import CallRecorder
from biohil.report.eventlog import LogCursors
from biohil.report.terminals import Terminals


@dataclass
class Records:
    calls: CallRecorder = field(default_factory=CallRecorder)  # every G-SDK call
    terminals: Terminals = field(default_factory=Terminals)  # each terminal's facts
    cursors: LogCursors = field(default_factory=LogCursors)  # where each log share starts
    exchanges: Exchanges = field(default_factory=Exchanges)  # every FindFace exchange, masked
