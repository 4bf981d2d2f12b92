"""A pytest plugin that cuts the terminal's network link across the teardown of every scenario run
on a terminal (tests/link_drop.py does one scenario), loaded into the suite with
-p link_drop_every (bench/ on PYTHONPATH) by bench/fault_matrix.py. Scenarios skipped before they
ran (not applicable, quarantined) are left alone: their teardown has nothing to undo.

BIOHIL_BENCH_LINK_BACK: seconds after the teardown starts that the link comes back (default 1);
BIOHIL_BENCH_LINK_LOG: a file where the plugin notes each scenario whose link it cut.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Generator
from typing import Any

import pytest

from biohil.client import Gateway
from biohil.simcontrol import control_pb2, control_pb2_grpc

_skipped: set[str] = set()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when in ("setup", "call") and report.skipped:
        _skipped.add(report.nodeid)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, Any, Any]:
    terminal = getattr(item, "callspec", None) and item.callspec.params.get("terminal")  # type: ignore[attr-defined]
    if terminal is None or item.nodeid in _skipped:
        return (yield)
    gateway = Gateway.open(item.config.getoption("--sim-gateway"), item.config.getoption("--sim-ca"))
    control: Any = control_pb2_grpc.ControlStub(gateway.channel)

    def link(up: bool) -> None:
        control.SetLink(control_pb2.SetLinkRequest(deviceID=terminal.device_id, up=up), timeout=10)

    link(False)
    with open(os.environ["BIOHIL_BENCH_LINK_LOG"], "a") as log:
        log.write(f"{item.nodeid}\n")
    back = threading.Timer(float(os.environ.get("BIOHIL_BENCH_LINK_BACK", "1")), link, (True,))
    back.start()
    try:
        return (yield)
    finally:
        back.join()
        gateway.close()
