"""What makes a failure fast and readable: the simulated clock's timeouts fire before the next
action, paced factors, the watcher's patience and its failure messages, the planted bugs'
catalogue (bench/mutants.py) and one mutation run end to end."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from biohil.client import Gateway
from biohil.client.watch import EventWatcher
from biohil.credentials import Input
from biohil.eventcodes import Code
from biohil.gsdk import device_pb2
from biohil.operator.base import Pace, TerminalIO
from biohil.operator.console import _cue
from biohil.operator.phrases import Holder
from biohil.operator.scripted import ScriptedOperator
from biohil.simulator.clock import Clock
from biohil.simulator.models import FACESTATION_F2, DeviceSpec

ROOT = Path(__file__).resolve().parents[1]


def test_an_advance_returns_once_the_timers_due_by_then_have_run() -> None:
    clock = Clock()
    fired: list[str] = []
    try:

        def slow_timeout() -> None:
            time.sleep(0.2)
            fired.append("timeout")

        clock.call_later(5, slow_timeout)
        clock.call_later(30, lambda: fired.append("too late"))
        clock.advance(5.5)
        assert fired == ["timeout"]  # at once, though the action took 0.2 s
    finally:
        clock.stop()


class _Device:
    id = 541530001

    def capability(self) -> device_pb2.DeviceCapability:
        return FACESTATION_F2.capability()


def test_pace_and_its_phrases() -> None:
    assert Pace.JUST_BEFORE.seconds(8, 0.5) == 7.5
    assert Pace.JUST_AFTER.seconds(8, 2) == 10
    assert Pace.HALFWAY.seconds(8, 2) == 4
    holder = Holder("900001", "2580")
    terminal = TerminalIO(_Device(), "FaceStation F2")  # type: ignore[arg-type]
    card, finger = holder.actions(terminal, "the card, then the fingerprint just after the auth timeout")
    assert (card.pace, finger.pace, finger.input) == (None, Pace.JUST_AFTER, Input.FINGER)
    assert (
        finger.paced() == 'place the fingerprint "test finger" of user 900001 (just after the auth timeout)'
    )
    with pytest.raises(ValueError, match="no other test user yet"):
        holder.actions(terminal, "the card, then another user's face")
    other = Holder("900001", "2580", other_id="900002").action(terminal, "another user's face")
    assert (other.input, other.credential, other.user_id) == (Input.FACE, "other face", "900002")


def test_the_countdown_cues_a_paced_factor() -> None:
    finger = TerminalIO(_Device(), "FaceStation F2").action(Input.FINGER, "test finger")  # type: ignore[arg-type]
    cues = [(3.0, dataclasses.replace(finger, pace=Pace.JUST_BEFORE))]
    assert _cue(cues, 1.2) == " · in 2 s: fingerprint"
    assert _cue(cues, 3.5) == " · NOW: fingerprint"
    assert _cue(cues, 7.0) == ""  # past a person's reaction: the cue is gone
    after = [(9.0, dataclasses.replace(finger, pace=Pace.JUST_AFTER))]
    assert _cue(after, 5.0) == ""  # cued by the terminal giving up, not counted down
    assert _cue(after, 9.5) == " · NOW: fingerprint"  # it did not give up in time: NOW all the same


def test_an_event_set_aside_counts_for_no_wait_and_failures_still_quote_it(
    gateway: Gateway, spec: DeviceSpec
) -> None:
    device = gateway.connect(spec.ip, spec.port)
    device.enable_monitoring()
    watcher = EventWatcher(gateway, [device.id], "the terminal", patience=2, log=device)
    try:
        mark = watcher.mark()
        unknown = TerminalIO(device, spec.name).action(Input.CARD, None)
        ScriptedOperator(gateway.channel)._act(unknown, None)
        refused = watcher.first(mark, 5, lambda e: e.eventCode == Code.VERIFY_FAIL)
        assert refused is not None
        watcher.set_aside(refused, "the person's late action")
        watcher.notes.append("late, 1.0 s after the prompt closed")
        assert watcher.first(mark, 0.2, lambda e: e.eventCode == Code.VERIFY_FAIL) is None
        assert watcher.since(mark) == [] and refused in watcher.everything()
        with pytest.raises(AssertionError) as failed:
            watcher.wait_for(lambda e: e.eventCode == Code.VERIFY_FAIL, mark, 0.2, "VERIFY_FAIL")
        message = str(failed.value)
        assert f"set aside as the person's late actions: #{refused.ID}" in message, message
        assert "at the bench: late, 1.0 s after the prompt closed" in message
        watcher.logged_once(mark, lambda e: e.eventCode == Code.VERIFY_FAIL, "VERIFY_FAIL")  # not counted
    finally:
        watcher.close()
        device.disable_monitoring()
        gateway.disconnect(device.id)


def test_a_wait_that_fails_says_what_the_log_holds_and_the_stream_delivered(
    gateway: Gateway, spec: DeviceSpec
) -> None:
    """Monitoring off: the terminal logs the refusal, the stream does not deliver it; the wait
    ends at the watcher's patience (not the 30 s asked) and says which side has it."""
    device = gateway.connect(spec.ip, spec.port)
    watcher = EventWatcher(gateway, [device.id], "the terminal", patience=0.5, log=device)
    try:
        mark = watcher.mark()
        ScriptedOperator(gateway.channel)._act(TerminalIO(device, spec.name).action(Input.CARD, None), None)
        started = time.monotonic()
        with pytest.raises(AssertionError) as failed:
            watcher.wait_for(lambda e: e.eventCode == Code.VERIFY_FAIL, mark, 30, "VERIFY_FAIL")
        assert time.monotonic() - started < 2
        message = str(failed.value)
        assert "within 0.5 s; the stream delivered: nothing; the terminal's log holds: #" in message
        assert "the log has VERIFY_FAIL (#" in message and "the stream did not deliver it" in message
    finally:
        watcher.close()
        gateway.disconnect(device.id)


def test_every_planted_bug_is_undone_with_its_run() -> None:
    """Planting and undoing each bug leaves the simulators' classes and rules as they were."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import mutants
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from biohil.findface import simulator as ffsim
    from biohil.findface.simulator import auth_api, listing
    from biohil.simulator import auth, device, eventlog, firmware, gateway, models, roster

    def state() -> list[dict[Any, Any]]:
        owners = [
            firmware,  # the rules every model's terminals take: a planted bug replaces fields of them
            auth.Engine,
            device.SimDevice,
            roster.Roster,
            eventlog.EventLog,
            eventlog.Record,
            gateway.Gateway,
            models.DeviceModel,
            ffsim,
            auth_api,
            listing,
            ffsim.Request,
            ffsim.State,
        ]
        return [dict(vars(o)) for o in owners] + [dict(ffsim.ROUTES)]

    before = state()
    assert len(mutants.CATALOGUE) >= 40
    assert len({m.area for m in mutants.CATALOGUE.values()}) >= 8
    for mutant in mutants.CATALOGUE.values():
        patch = pytest.MonkeyPatch()
        mutant.plant(patch)
        assert state() != before, f"{mutant.name} changes nothing"
        patch.undo()
        assert state() == before, f"{mutant.name} is not undone"


def test_a_mutation_run_catches_a_planted_bug_and_names_the_scenario() -> None:
    run = subprocess.run(
        [sys.executable, "bench/mutation.py", "--only", "auth.pin_step_skipped", "-k", "no_pin"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "without a planted bug: passed" in run.stdout
    assert (
        "auth.pin_step_skipped" in run.stdout
        and "test_card__pin_does_not_open_for_a_user_who_has_no_pin" in run.stdout
    )
    assert "score: 1 of 1 bugs caught = 100.0%" in run.stdout
