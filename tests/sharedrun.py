"""A run of the suite made once per test session and read by every test that needs it, whichever
pytest-xdist worker it runs in: pytest-xdist's own recipe (the workers' temp folders share a
parent; a file lock lets the first one make it, and the others wait for it and read it back).

xdist_group marks cannot do this here: with pytest 9.2, pytest-xdist 3.8's --dist loadgroup
groups nothing (pytest-xdist issue 1386), and a module fixture would run once per worker."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def shared_run(
    factory: pytest.TempPathFactory, name: str, run: Callable[[Path], subprocess.CompletedProcess[str]]
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`run(folder)` once per session; returns the folder it wrote in and what it gave."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this session, and by nothing else
    folder, record = root / name, root / f"{name}.json"
    with FileLock(root / f"{name}.lock"):
        if not record.exists():  # a run that raised left no record: the next test tries again
            folder.mkdir(exist_ok=True)
            done = run(folder)
            fields = {"args": done.args, "returncode": done.returncode}
            record.write_text(json.dumps(fields | {"stdout": done.stdout, "stderr": done.stderr}))
    kept = json.loads(record.read_text())
    return folder, subprocess.CompletedProcess(**kept)
