"""`python -m biohil.recording DIR` (`make conformance RECORDING=DIR`): a lab recording replayed
against the simulator, and where the simulator answers otherwise than the lab's terminals.

It prints one line per terminal (model, firmware, transcripts, differences), then per method how
many calls differed with an example, then which readings would make the simulator match: each
differing transcript is replayed again under every other value of every reading, on a fresh
simulator each time, and the values under which its differences go away are named with the
`--reading NAME=VALUE` lines that give a simulator them. `--write-readings FILE` keeps those
values as a readings file (biohil-sim --readings-file FILE; the nightly run's simulator).

Exit status: 0 the simulator answers as the lab did, 1 it differs (or a terminal of the
recording is of a model it cannot simulate), 2 the recording or the readings cannot be read.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from biohil import readings
from biohil.readings import READINGS, ReadingError, Readings
from biohil.recording.replay import Difference, Replayed, replay
from biohil.recording.transcript import Recording, RecordingError, load, utc_now

EXAMPLE_CHARS = 160
LONG_REPLAY = 5.0  # seconds: a replay this long makes the search use every core
SHOWN_NOTES = 10
Say = Callable[[str], None]


@dataclass(frozen=True)
class Fix:
    """A reading's value under which differing transcripts match (and any that then differ)."""

    name: str
    value: str
    fixes: frozenset[str]
    breaks: frozenset[str]

    @property
    def argument(self) -> str:
        return f"--reading {self.name}={self.value}"


def _given(given: Readings) -> str:
    changed = given.changed()
    return "the default readings" if not changed else ", ".join(f"{n}={v}" for n, v in changed.items())


def _until(recording: Recording, names: frozenset[str]) -> float:
    """The lab's time when the last of these transcripts ended: a trial replays up to there."""
    last = 0.0
    for t in recording.transcripts:
        if t.path.relative_to(recording.folder).as_posix() in names:
            for e in t.entries:
                last = max(last, *(float(e[k]) for k in ("sent", "ended", "at") if k in e))
    return last


@dataclass(frozen=True)
class Trial:
    """One reading's other value, replayed on the differing transcripts (and what comes before
    them: a terminal's state carries over) on a fresh simulator; returns what then differs."""

    folder: Path
    given: dict[str, str]
    name: str
    value: str
    certs: Path
    until: float
    differing: frozenset[str]

    def __call__(self, recording: Recording | None = None) -> frozenset[str]:
        recording = recording or load(self.folder)  # (in a process of its own: read again)
        readings = Readings(self.given).with_value(self.name, self.value)
        return frozenset(replay(recording, readings, self.certs, self.until, self.differing).differing)


def _run(trial: Trial) -> frozenset[str]:
    return trial()


def search(
    recording: Recording, given: Readings, certs: Path, base: Replayed, say: Say, jobs: int = 0
) -> list[Fix]:
    """Every other value of every reading, tried on the differing transcripts; `jobs` processes
    at once (0: one per core once a replay takes long, else none)."""
    differing = frozenset(base.differing)
    if not differing:
        return []
    until = _until(recording, differing)
    trials = [
        Trial(recording.folder, given.changed(), r.name, value, certs, until, differing)
        for r in READINGS
        for value in r.values
        if value != given[r.name]
    ]
    if not jobs:
        jobs = min(len(trials), os.cpu_count() or 1) if base.seconds > LONG_REPLAY else 1
    say("")
    at_once = f", {jobs} at once" if jobs > 1 else ""
    say(
        f"trying each reading's other values on the {len(differing)} differing transcripts "
        f"({len(trials)} replays{at_once})"
    )
    if jobs > 1:  # processes of their own, started afresh: a simulator and a replay each
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            outcomes = list(pool.map(_run, trials))
    else:
        outcomes = [trial(recording) for trial in trials]
    found = []
    for trial, now in zip(trials, outcomes, strict=True):
        if differing - now:
            found.append(Fix(trial.name, trial.value, differing - now, now - differing))
    return found


def combined(given: Readings, fixes: list[Fix]) -> Readings:
    """The given readings with, per reading, the value that fixes most and breaks nothing."""
    chosen = dict(given.changed())
    best: dict[str, Fix] = {}
    for fix in fixes:
        if not fix.breaks and (fix.name not in best or len(fix.fixes) > len(best[fix.name].fixes)):
            best[fix.name] = fix
    chosen.update({name: fix.value for name, fix in best.items()})
    return Readings(chosen)


def report(recording: Recording, replayed: Replayed, say: Say) -> None:
    """The terminals, then the methods that differ, then what was not replayed."""
    say(recording.describe())
    say(f"replayed against the simulator with {_given(replayed.readings)} in {replayed.seconds:.1f} s")
    differing = replayed.differing
    for t in recording.terminals:
        mine = [x for x in recording.of_terminal(t)]
        names = [x.path.relative_to(recording.folder).as_posix() for x in mine]
        worse = sum(1 for n in names if n in differing)
        what = f"{t.model or 'model unknown'}, firmware {t.firmware or 'unknown'}"
        say(f"  {t.name} {t.device_id or ''} ({what}): {len(mine)} transcripts, {worse} with differences")
    rest = [x for x in recording.transcripts if not x.header.get("terminal")]
    if rest:
        worse = sum(1 for x in rest if x.path.relative_to(recording.folder).as_posix() in differing)
        say(
            f"  outside the scenarios (the undo at the end of the run): {len(rest)} transcripts, "
            f"{worse} with differences"
        )
    by_method: dict[str, list[Difference]] = {}
    for d in replayed.differences:
        by_method.setdefault(d.method, []).append(d)
    if by_method:
        say("")
        width = max(len(m) for m in by_method) + 2
        say(f"{'method':<{width}}compared  differing  example (lab; simulator)")
        for method, found in sorted(by_method.items()):
            example = found[0].describe().removeprefix(method + " ")
            if len(example) > EXAMPLE_CHARS:
                example = example[: EXAMPLE_CHARS - 1] + "…"
            say(f"{method:<{width}}{replayed.compared[method]:>8}  {len(found):>9}  {example}")
        same = sum(n for m, n in replayed.compared.items() if m not in by_method)
        others = len([m for m in replayed.compared if m not in by_method])
        say(f"{'':<{width}}and {others} other methods: {same} calls as in the lab")
        say("")
        say("differing transcripts:")
        headers = {x.path.relative_to(recording.folder).as_posix(): x for x in recording.transcripts}
        for name, found in differing.items():
            transcript = headers[name]
            scenario = transcript.name if transcript.header.get("scenario") else "outside the scenarios"
            outcome = (
                f"{transcript.outcome} in the lab" if transcript.header.get("scenario") else "the session"
            )
            say(f"  {name}: {scenario} ({outcome}): {len(found)} differences")
            for d in found[:3]:
                line = d.describe()
                say("    " + (line if len(line) <= EXAMPLE_CHARS else line[: EXAMPLE_CHARS - 1] + "…"))
    for note in replayed.notes[:SHOWN_NOTES]:
        say(f"not replayed: {note}")
    if len(replayed.notes) > SHOWN_NOTES:
        say(f"not replayed: and {len(replayed.notes) - SHOWN_NOTES} more")
    if replayed.prompts_reads:
        say(
            f"not replayed: {replayed.prompts_reads} reads made while the operator acted (its prompt "
            "looking for the outcome)"
        )


def say_fixes(fixes: list[Fix], differing: int, say: Say) -> None:
    if not differing:
        return
    if not fixes:
        say(
            "readings that would make it match: none (no single reading's other value fixes any of "
            f"{differing})"
        )
        return
    parts = []
    for fix in sorted(fixes, key=lambda f: (-len(f.fixes), f.name)):
        broken = f", but {len(fix.breaks)} other transcripts then differ" if fix.breaks else ""
        parts.append(
            f"{fix.name}={fix.value} (fixes {len(fix.fixes)} of {differing} differing transcripts{broken})"
        )
    say("readings that would make it match: " + "; ".join(parts))
    for fix in fixes:
        say(f"  {fix.argument}")


def check(
    recording: Recording,
    given: Readings,
    certs: Path,
    say: Say,
    write_readings: Path | None = None,
    jobs: int = 0,
) -> int:
    base = replay(recording, given, certs)
    report(recording, base, say)
    fixes = search(recording, given, certs, base, say, jobs)
    say_fixes(fixes, len(base.differing), say)
    matching = combined(given, fixes)
    if fixes and matching != given:
        again = replay(recording, matching, certs)
        say(f"with {_given(matching)}: {len(again.differences)} differences remain")
    if write_readings is not None:
        comment = f"Readings of the lab recorded in {recording.folder}, as make conformance found them"
        comment += f" ({utc_now()})"
        write_readings.write_text(matching.to_toml(comment), encoding="utf-8")
        say(f"readings written to {write_readings} (biohil-sim --readings-file {write_readings})")
    unsimulated = any("is not simulated" in note for note in base.notes)
    total = len(base.differences)
    say("")
    say(f"{total} differences in {len(base.differing)} of {len(base.transcripts)} transcripts")
    return 1 if total or unsimulated else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m biohil.recording",
        description="Replay a lab run recorded with pytest --record=DIR against the simulator and "
        "print where it answers otherwise, and which readings would make it match.",
    )
    parser.add_argument(
        "recording", type=Path, metavar="DIR", help="the folder a run wrote with --record=DIR"
    )
    parser.add_argument(
        "--readings-file",
        type=Path,
        metavar="FILE",
        help="the simulator's readings (a TOML [readings] table)",
    )
    parser.add_argument(
        "--reading",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a reading of the simulator, over --readings-file (repeatable; biohil-sim --readings "
        "lists them)",
    )
    parser.add_argument(
        "--write-readings", type=Path, metavar="FILE", help="write the readings that make it match to FILE"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="replays at once while trying the readings (default: one per core when a replay is long)",
    )
    args = parser.parse_args(argv)
    if args.jobs < 0:
        parser.error(f"--jobs {args.jobs}: give 1 or more (0: as many as cores)")
    try:
        recording = load(args.recording)
        # By default the readings the run expected (the suite's --reading / --readings-file).
        given = readings.chosen(args.reading, args.readings_file, Readings(recording.readings))
    except (RecordingError, ReadingError) as e:
        print(f"conformance: {e}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="biohil-replay-") as certs:
        say: Say = lambda line: print(line, flush=True)  # noqa: E731
        return check(recording, given, Path(certs), say, args.write_readings, args.jobs)
