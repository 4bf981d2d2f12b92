"""A pytest plugin that cuts a terminal's network link across a scenario's teardown, loaded into
the suite with -p link_drop (tests/ on PYTHONPATH) by test_faults and bench/fault_matrix.py.

BIOHIL_TEST_LINK_DROP: a part of the test ID of the scenario (its first match is the one), or
"*" for every scenario run on a terminal (one skipped before it ran has nothing to undo);
BIOHIL_TEST_LINK_BACK: seconds after the teardown starts that the link comes back;
BIOHIL_TEST_LINK_LOG: a file where the plugin notes the scenario whose link it cut.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Generator
from typing import Any

import pytest

from biohil.client import Gateway
from biohil.simcontrol import control_pb2, control_pb2_grpc

EVERY = "*"
_dropped: list[str] = []
_skipped: set[str] = set()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when in ("setup", "call") and report.skipped:
        _skipped.add(report.nodeid)


def _wanted(item: pytest.Item) -> bool:
    wanted = os.environ.get("BIOHIL_TEST_LINK_DROP", "")
    params = getattr(item, "callspec", None)
    if not wanted or params is None or "terminal" not in params.params:
        return False
    if wanted == EVERY:
        return item.nodeid not in _skipped
    return not _dropped and wanted in item.nodeid


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, Any, Any]:
    if not _wanted(item):
        return (yield)
    device_id = item.callspec.params["terminal"].device_id  # type: ignore[attr-defined]
    gateway = Gateway.open(item.config.getoption("--sim-gateway"), item.config.getoption("--sim-ca"))
    control: Any = control_pb2_grpc.ControlStub(gateway.channel)

    def link(up: bool) -> None:
        control.SetLink(control_pb2.SetLinkRequest(deviceID=device_id, up=up), timeout=10)

    link(False)
    _dropped.append(item.nodeid)
    with open(os.environ["BIOHIL_TEST_LINK_LOG"], "a") as log:
        log.write(f"{item.nodeid}\n")
    back = threading.Timer(float(os.environ.get("BIOHIL_TEST_LINK_BACK", "1")), link, (True,))
    back.start()
    try:
        return (yield)
    finally:
        back.join()
        gateway.close()
