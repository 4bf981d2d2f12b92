"""The run's environment on the report's overview: target, gateway, terminals, suite version and
commit, FindFace server. Written as environment.properties into the results folder."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from biohil.report.terminals import TerminalFacts

NOT_REPORTED = "not reported (no G-SDK call returns it)"


def suite_version() -> str:
    try:
        return metadata.version("biohil")
    except metadata.PackageNotFoundError:
        return "unknown"


def git_commit(where: Path) -> str:
    """The checkout's commit (CI's GITHUB_SHA where git is not at hand); '+ changes' if dirty."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(where), *args], capture_output=True, text=True, timeout=5, check=True
        )
        return done.stdout.strip()

    try:
        head = git("rev-parse", "--short=12", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return os.environ.get("GITHUB_SHA", "unknown")[:12]
    return f"{head} + uncommitted changes" if dirty else head


def entries(
    target: str,
    gateway: str | None,
    terminals: Iterable[TerminalFacts],
    findface: str | None,
    where: Path,
) -> dict[str, str]:
    found = {"target": target}
    if gateway is not None:
        found["gateway"] = gateway
        found["gateway version"] = NOT_REPORTED
    for t in sorted(terminals, key=lambda t: t.name):
        found[f"terminal {t.name}"] = (
            f"{t.model}, device ID {t.device_id}, firmware {t.firmware}, at {t.address}"
        ) + (f", clock {t.clock}" if t.clock else "")
    if findface is not None:
        found["FindFace server"] = findface
    found["suite version"] = suite_version()
    found["git commit"] = git_commit(where)
    return found


def properties(values: dict[str, str]) -> str:
    """Java properties text (what Allure reads): keys with spaces, '=' or ':' escaped."""

    def escape(text: str, key: bool) -> str:
        text = text.replace("\\", "\\\\").replace("\n", " ")
        if key:
            for char in " =:":
                text = text.replace(char, "\\" + char)
        return text

    return "".join(f"{escape(k, True)}={escape(v, False)}\n" for k, v in values.items())
