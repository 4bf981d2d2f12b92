"""A pytest plugin that makes the bench PC's disk "full" for the journal as a chosen scenario
starts, loaded into the suite with -p journal_full (tests/ on PYTHONPATH): from then on no file
of the run may grow past the size the biggest journal has (RLIMIT_FSIZE, the kernel's own
"File too large"), so the next journal record cannot be written.

BIOHIL_TEST_JOURNAL_FULL: a part of the test ID of the scenario (its first match is the one);
BIOHIL_TEST_JOURNAL_DIR: the lock folder, where the journals are.
"""

from __future__ import annotations

import os
import resource
import signal
from pathlib import Path
from typing import Any

import pytest

_done: list[str] = []


@pytest.hookimpl(trylast=True)  # the scenario's fixtures are set up: its own writes are still to come
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    item = request.node
    wanted = os.environ.get("BIOHIL_TEST_JOURNAL_FULL", "")
    if not wanted or _done or wanted not in item.nodeid:
        return
    journals = list(Path(os.environ["BIOHIL_TEST_JOURNAL_DIR"]).glob("*.journal"))
    limit = max(p.stat().st_size for p in journals)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    _done.append(item.nodeid)
