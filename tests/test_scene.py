"""The scene: one G-SDK scenario on one terminal, each part made when a step first asks for it and
undone by close() in the reverse order, every undo run even when one fails; against a real
simulator, through the gateway as the suite opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from biohil import authmodes
from biohil.client import Gateway, GsdkError
from biohil.client.testusers import IdRange
from biohil.lab.bench import Bench
from biohil.lab.locks import holder
from biohil.lab.terminal import Terminal
from biohil.operator.scripted import ScriptedOperator, SimulatorClock
from biohil.report.records import Records
from biohil.scenario.gsdk import enroll
from biohil.scenario.scene import Rig, Scene
from biohil.simcontrol import control_pb2, control_pb2_grpc
from biohil.simulator import Simulator
from biohil.simulator.models import DEFAULT_DEVICES

_, F2 = DEFAULT_DEVICES
F2_TERMINAL = Terminal(F2.name, F2.ip, F2.port, F2.model.name, F2.device_id, id_range=IdRange(900001, 900999))
UNDOS = ("Event.DisableMonitoring", "Auth.SetConfig", "User.Delete")


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    """The rig as fixtures/scenario.py builds it on the simulator, with its calls recorded."""
    records = Records()
    with Simulator(tmp_path / "certs") as sim:
        gateway = Gateway.open(sim.address, sim.ca_file, held_only=True, interceptors=[records.calls])
        bench = Bench(gateway, tmp_path / "locks", 0, holder("run-1"), lambda line: None)
        clock = SimulatorClock(gateway.channel)
        try:
            yield Rig(
                gateway,
                bench,
                ScriptedOperator(gateway.channel),
                records,
                lambda d: clock,
                2.0,
                [F2_TERMINAL],
            )
        finally:
            bench.release()
            gateway.close()


def _undone(rig: Rig, since: int) -> list[str]:
    """The calls that undo what a scene made, in the order they were made."""
    return [c.method for c in rig.records.calls.since(since) if c.method in UNDOS]


def _made(rig: Rig) -> Scene:
    """A scene that made a test user, changed the auth config and watches the terminal."""
    scene = Scene(rig, F2_TERMINAL)
    enroll(scene.device, scene.new_user("Scene User").info())
    scene.auth.apply([authmodes.from_qa_name("card only", extended=True)], private=False)
    assert scene.watcher.label == f"{F2.name} {F2.device_id}"
    return scene


def _ours(scene: Scene) -> list[str]:
    return [h.ID for h in scene.connect().user_headers() if h.ID in F2_TERMINAL.id_range]


def test_a_scene_undoes_what_it_made_in_the_reverse_order(rig: Rig) -> None:
    before = Scene(rig, F2_TERMINAL)  # the run's lease is in the range too
    found, users = before.device.auth_config(), _ours(before)
    scene = _made(rig)
    mark = rig.records.calls.mark()
    scene.close()
    # monitoring (turned on last) first, the auth config, the user; last the connections, which
    # read the terminal's share of the log for the report
    assert _undone(rig, mark) == list(UNDOS)
    assert [share.terminal for share in scene.connections.shares] == [f"{F2.name} {F2.device_id}"]
    assert scene.connect().auth_config() == found
    assert _ours(scene) == users


def test_every_undo_runs_when_one_fails_and_the_failure_is_raised(rig: Rig) -> None:
    users = _ours(Scene(rig, F2_TERMINAL))
    scene = _made(rig)
    control = control_pb2_grpc.ControlStub(rig.gateway.channel)
    # the auth config cannot be put back: a refusal, not a transient error a retry would mend
    control.InjectFault(control_pb2.InjectFaultRequest(method="Auth/SetConfig", count=99, code=7), timeout=10)
    mark = rig.records.calls.mark()
    with pytest.raises(GsdkError, match="SetConfig"):
        scene.close()
    assert [m for m in _undone(rig, mark) if m != "Auth.SetConfig"] == [UNDOS[0], UNDOS[2]]
    assert len(scene.connections.shares) == 1  # the connections' undo ran last all the same
    control.ClearFaults(control_pb2.ClearFaultsRequest(), timeout=10)
    assert _ours(scene) == users  # the test user was deleted after the auth config failed
