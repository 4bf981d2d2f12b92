"""The results folders of one night's shards as one folder for Allure (`make report`):

    python -m biohil.report.merge FOLDER [FOLDER ...] --into MERGED

Every shard's result and attachment files go into MERGED as they are (each result keeps the
labels its run gave it: shard, bench PC, gateway, terminal, firmware), and one overview
(environment.properties) is written from the shards' summaries (biohil.report.shards). A folder
without results is said and left out; none with results is an error. MERGED is this tool's own:
it is emptied first, and a folder it did not make is refused, never emptied.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from biohil.report import environment, shards

MARKER = "biohil-merged.json"  # what makes a folder this tool's own, to empty
OVERVIEW = "environment.properties"
OWN = {OVERVIEW, shards.SUMMARY}  # a shard's files the merge writes anew


class MergeError(Exception):
    pass


def has_results(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*-result.json"))


def _prepare(into: Path, folders: Sequence[Path]) -> None:
    resolved = into.resolve()
    for folder in folders:
        if resolved == folder.resolve() or folder.resolve() in resolved.parents:
            raise MergeError(f"--into {into} is inside the results folder {folder}: give a folder of its own")
    if into.exists() and any(into.iterdir()) and not (into / MARKER).exists():
        raise MergeError(f"--into {into} holds files this tool did not write; give an empty or new folder")
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)


def _place(source: Path, target: Path) -> None:
    """A hard link where the folders share a disk (results can be large), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def merge(folders: Sequence[Path], into: Path) -> shards.Night:
    """`folders` into `into`; the night they make up."""
    seen: dict[Path, Path] = {}
    for folder in folders:
        if folder.resolve() in seen:
            raise MergeError(f"{folder} is given twice (as {seen[folder.resolve()]})")
        seen[folder.resolve()] = folder
    with_results = [f for f in folders if has_results(f)]
    if not with_results:
        names = " ".join(str(f) for f in folders) or "(none given)"
        raise MergeError(f"no results in {names}; run make suite first")
    _prepare(into, with_results)
    summaries, unfinished = [], []
    placed: dict[str, Path] = {}
    for folder in with_results:
        try:
            summary = shards.read(folder)
        except shards.SummaryError as e:
            raise MergeError(str(e)) from None
        if summary is None:
            unfinished.append(str(folder))
        else:
            summaries.append(summary)
        for source in sorted(folder.iterdir()):
            if source.name in OWN or not source.is_file():
                continue
            if source.name in placed:
                raise MergeError(
                    f"{source.name} is in both {placed[source.name]} and {folder}: one run given twice?"
                )
            placed[source.name] = folder
            _place(source, into / source.name)
    night = shards.Night(summaries, unfinished)
    skipped = [str(f) for f in folders if f not in with_results]
    values = night.environment()
    values.update({f"no results: {f}": "left out (its run wrote nothing)" for f in skipped})
    (into / OVERVIEW).write_text(environment.properties(values), encoding="utf-8")
    (into / MARKER).write_text(json.dumps({"folders": [str(f) for f in with_results], "left out": skipped}))
    return night


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m biohil.report.merge",
        description="One results folder for one report, from the results folders of a night's shards",
    )
    parser.add_argument("folders", nargs="*", type=Path, metavar="FOLDER", help="a run's results folder")
    parser.add_argument("--into", type=Path, required=True, help="the merged folder (this tool's own)")
    args = parser.parse_args(argv)
    try:
        night = merge(args.folders, args.into)
    except (MergeError, OSError) as e:
        print(f"make report: {e}", file=sys.stderr)
        return 2
    for folder in night.unfinished:
        print(f"make report: {folder}: its run left no summary; its results are in, its counts are not")
    for line in night.closing_lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
