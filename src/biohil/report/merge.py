"""The results folders of one night's shards as one folder for Allure (`make report`):

    python -m biohil.report.merge FOLDER [FOLDER ...] --into MERGED [--expect SHARD ...]

Every shard's result and attachment files go into MERGED as they are (each result keeps the
labels its run gave it: shard, bench PC, gateway, terminal, firmware), and one overview
(environment.properties) is written from the shards' summaries (biohil.report.shards). Everything
is checked before MERGED is touched: a folder that does not exist, is given twice, or lies inside
MERGED (or MERGED inside it), and a result file in two folders, are errors. A folder without
results is said and left out; none with results is an error. MERGED is this tool's own: it is
emptied first, and a folder it did not make is refused, never emptied. `--expect` names the
shards the night should have: one that did not come back is said (a job that failed before the
suite ran, a bench runner offline).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from biohil.report import environment, shards

MARKER = "biohil-merged.json"  # what makes a folder this tool's own, to empty
OVERVIEW = "environment.properties"
OWN = {OVERVIEW, shards.SUMMARY}  # a shard's files the merge writes anew
RESULTS_FOLDER = "allure-results"  # where a shard's results are inside its CI artifact


class MergeError(Exception):
    pass


@dataclass
class _Shard:
    folder: Path
    files: list[Path]  # its result and attachment files (not the summary nor the overview)
    summary: shards.ShardSummary | None
    unreadable: str = ""  # why its summary could not be read

    @property
    def has_results(self) -> bool:
        return any(f.name.endswith("-result.json") for f in self.files)


def _inside(inner: Path, outer: Path) -> bool:
    inner, outer = inner.resolve(), outer.resolve()
    return inner == outer or outer in inner.parents


def _read(folder: Path) -> _Shard:
    if not folder.is_dir():
        raise MergeError(f"{folder} is not a folder (a shard's results folder, e.g. reports/allure-results)")
    files = sorted(f for f in folder.iterdir() if f.is_file() and f.name not in OWN)
    try:
        return _Shard(folder, files, shards.read(folder))
    except shards.SummaryError as e:  # one shard's unreadable summary does not cost the night its report
        return _Shard(folder, files, None, str(e))


def _check(found: Sequence[_Shard], into: Path) -> None:
    """Everything that would lose or mix up a file, before anything is written."""
    seen: dict[Path, Path] = {}
    for shard in found:
        if shard.folder.resolve() in seen:
            raise MergeError(f"{shard.folder} is given twice (as {seen[shard.folder.resolve()]})")
        seen[shard.folder.resolve()] = shard.folder
        if _inside(into, shard.folder) or _inside(shard.folder, into):
            raise MergeError(
                f"--into {into} and the results folder {shard.folder} overlap: give the merge its own folder"
            )
    placed: dict[str, Path] = {}
    for shard in found:
        for file in shard.files:
            if file.name in placed:
                first = placed[file.name]
                raise MergeError(f"{file.name} is in both {first} and {shard.folder}: one run given twice?")
            placed[file.name] = shard.folder
    if into.exists() and any(into.iterdir()) and not (into / MARKER).exists():
        raise MergeError(f"--into {into} holds files this tool did not write; give an empty or new folder")


def _no_results(folders: Sequence[Path]) -> MergeError:
    names = " ".join(str(f) for f in folders) or "(none given)"
    deeper = [f / RESULTS_FOLDER for f in folders if (f / RESULTS_FOLDER).is_dir()]
    if deeper:  # a CI artifact's folder: its results are one level down
        return MergeError(f"no results in {names}; the results are in {' '.join(map(str, deeper))}")
    return MergeError(f"no results in {names}; run make suite first")


def _place(source: Path, target: Path) -> None:
    """A hard link where the folders share a disk (results can be large), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def merge(folders: Sequence[Path], into: Path, expected: Sequence[str] = ()) -> shards.Night:
    """`folders` into `into`; the night they make up."""
    found = [_read(folder) for folder in folders]
    if not any(s.has_results for s in found):
        raise _no_results(folders)
    _check(found, into)
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    (into / MARKER).write_text(json.dumps({"folders": [str(f) for f in folders]}))  # ours from now on
    for shard in found:
        for file in shard.files:
            _place(file, into / file.name)
    unfinished = {
        str(s.folder): s.unreadable or "its run left no summary (killed, or stopped before its end)"
        for s in found
        if s.summary is None and s.has_results
    }
    night = shards.Night([s.summary for s in found if s.summary is not None], unfinished, expected)
    values = night.environment()
    empty = [s.folder for s in found if not s.has_results and s.summary is None]
    values.update({f"no results: {folder}": "left out (its run wrote none)" for folder in empty})
    (into / OVERVIEW).write_text(environment.properties(values), encoding="utf-8")
    return night


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m biohil.report.merge",
        description="One results folder for one report, from the results folders of a night's shards",
    )
    parser.add_argument("folders", nargs="*", type=Path, metavar="FOLDER", help="a run's results folder")
    parser.add_argument("--into", type=Path, required=True, help="the merged folder (this tool's own)")
    parser.add_argument(
        "--expect", nargs="*", default=[], metavar="SHARD", help="the shards the night should have, by name"
    )
    args = parser.parse_args(argv)
    try:
        night = merge(args.folders, args.into, args.expect)
    except (MergeError, OSError) as e:
        print(f"make report: {e}", file=sys.stderr)
        return 2
    for folder in args.folders:
        if not any(folder.glob("*-result.json")) and not (folder / shards.SUMMARY).exists():
            print(f"make report: {folder} has no results; left out")
    for line in night.closing_lines():
        print(line)
    if os.environ.get("GITHUB_ACTIONS") == "true":  # the night's problems on the workflow's page
        for key, why in night.problems().items():
            print(f"::warning title=make report::{key}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
