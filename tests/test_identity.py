"""What a terminal says about itself, checked field by field (biohil.client.identity); the
preflight's identity check; the order of a mutation run (bench/first_features.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from biohil.client import Gateway, identity
from biohil.gsdk import auth_pb2, device_pb2
from biohil.lab import preflight
from biohil.lab.terminal import Terminal
from biohil.simulator.models import BIOSTATION_2, DEFAULT_DEVICES, FACESTATION_F2, MODELS, DeviceModel

ROOT = Path(__file__).resolve().parents[1]
BS2, F2 = DEFAULT_DEVICES
TABLE = "the simulator's model table"


def _answers(model: DeviceModel, device_id: int = 1) -> identity.Answers:
    """What a terminal of this model answers, with its default modes enabled."""
    modes = [auth_pb2.AuthSchedule(mode=m, scheduleID=1) for m in model.default_modes]  # type: ignore[arg-type]
    return identity.Answers(
        model.factory_info(device_id),
        model.capability_info(),
        model.capability(),
        device_pb2.Type.Name(model.device_type),
        auth_pb2.AuthConfig(authSchedules=modes),
    )


def _known(model: DeviceModel, source: str = TABLE) -> identity.Known:
    return identity.Known(model.name, 1, model.sensors, model.profile(), source)


def _every_check(answers: identity.Answers, known: identity.Known) -> list[identity.Mismatch]:
    return (
        identity.factory(answers.info, known)
        + identity.sensors(answers, known)
        + identity.coarse_and_detailed(answers)
        + identity.modes(answers)
        + identity.limits(answers.cap)
        + identity.of_model(answers, known)
        + identity.drift(answers, answers)
    )


@pytest.mark.parametrize("model", MODELS.values(), ids=lambda m: m.name.replace(" ", ""))
def test_every_model_describes_itself_as_the_model_table_says(model: DeviceModel) -> None:
    assert _every_check(_answers(model), _known(model)) == []


def test_a_wrong_answer_is_named_by_terminal_field_expectation_and_answer() -> None:
    answers = _answers(BIOSTATION_2)
    answers.info.firmwareVersion = FACESTATION_F2.firmware
    answers.info.MACAddr = ""
    answers.cap_info.maxNumOfUser = 50_000
    answers.cap.PINInputSupported = answers.cap.idInputSupported = False
    answers.cap.extendedCardOnlySupported = True
    found = _every_check(answers, _known(BIOSTATION_2))
    text = identity.message("BioStation 2", BS2.device_id, found)
    lines = text.splitlines()
    assert lines[0] == f"BioStation 2 (device {BS2.device_id}) describes itself wrongly:"
    assert (
        "  GetInfo.firmwareVersion: expected '1.11.0' (the simulator's model table), "
        "the terminal answered '2.2.0'" in lines
    )
    assert "  GetInfo.MACAddr: expected a MAC address (six hex octets), the terminal answered ''" in lines
    assert (
        "  GetCapabilityInfo.maxNumOfUser: expected 500000 (as GetCapability.maxUsers says), "
        "the terminal answered 50000" in lines
    )
    assert (
        "  GetCapability.extendedCardOnlySupported: expected False (extendedAuthSupported is False: "
        "no extended mode), the terminal answered True" in lines
    )
    assert (
        "  GetCapability.idPINSupported: expected False (idInputSupported is False: a typed-ID mode "
        "needs a keypad), the terminal answered True" in lines
    )
    assert (
        "  GetCapability.PINInputSupported: expected True (the simulator's model table), "
        "the terminal answered False" in lines
    )
    # one line per field, never a message's text format
    assert all(line.startswith("  Get") and "{" not in line for line in lines[1:]), text


def test_a_lab_terminal_is_held_to_its_lab_file_and_the_documentation_only() -> None:
    answers = _answers(FACESTATION_F2)
    known = identity.Known("FaceStation F2", F2.device_id, None, None, "lab.toml devices[0]")
    answers.info.firmwareVersion = "9.9.9"  # a firmware no lab file names
    answers.cap.maxEventLogs = 5_000
    assert _every_check(answers, known) == []
    answers.info.modelName = "FaceStation F2 XL"
    answers.cap.extendedAuthSupported = False  # an F2's device type, without the extended modes
    answers.cap.maxCardsPerUser = 9
    found = [str(m) for m in _every_check(answers, known)]
    assert (
        "GetInfo.modelName: expected 'FaceStation F2' (lab.toml devices[0]), "
        "the terminal answered 'FaceStation F2 XL'" in found
    )
    assert (
        "GetCapability.extendedAuthSupported: expected True (GetCapabilityInfo.type is FACESTATION_F2_FP, "
        "an F2: the extended modes), the terminal answered False" in found
    )
    assert (
        "GetCapability.maxCardsPerUser: expected at most 8 (the documented limit), the terminal answered 9"
        in found
    )
    assert [str(m) for m in identity.device_id(BS2.device_id, known)] == [
        f"Connect.deviceID: expected {F2.device_id} (lab.toml devices[0]), "
        f"the terminal answered {BS2.device_id}"
    ]


def test_a_second_answer_that_differs_is_named_field_by_field() -> None:
    first, second = _answers(FACESTATION_F2), _answers(FACESTATION_F2)
    second.cap.maxEventLogs = 500_000
    assert [str(m) for m in identity.drift(first, second)] == [
        "GetCapability.maxEventLogs: expected 1000000 (as the first answer said), "
        "the terminal answered 500000"
    ]


def test_preflight_knows_a_terminal_by_its_device_id_and_by_its_model_only_without_one(
    gateway: Gateway,
) -> None:
    # the right device ID: tested, whatever model the configuration names (the scenarios check it)
    right = Terminal(BS2.name, BS2.ip, BS2.port, "BioStation 3", BS2.device_id)
    assert preflight.check_device(gateway, right).id == BS2.device_id
    with pytest.raises(
        preflight.PreflightError, match=f"is device {BS2.device_id}, the configuration expects 1"
    ):
        preflight.check_device(gateway, Terminal(BS2.name, BS2.ip, BS2.port, BS2.model.name, 1))
    with pytest.raises(
        preflight.PreflightError, match="is a BioStation 2, the configuration expects a BioStation 3"
    ):
        preflight.check_device(gateway, Terminal(BS2.name, BS2.ip, BS2.port, "BioStation 3"))


def test_a_mutation_run_has_the_scenarios_of_the_bugs_area_first_and_all_the_others_after() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import first_features
        import mutation
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert all((ROOT / p).exists() for paths in mutation.FIRST.values() for p in paths)

    def collected(first: str) -> list[str]:
        path = os.pathsep.join([str(ROOT / "bench"), os.environ.get("PYTHONPATH", "")])
        env = dict(os.environ, **{first_features.ENV: first}, PYTHONPATH=path)
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-p",
                "first_features",
                "-p",
                "no:cacheprovider",
                "--collect-only",
                "-q",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return [line for line in run.stdout.splitlines() if "::" in line]

    suite, reordered = collected(""), collected("features/findface")
    findface = [t for t in suite if "[BioStation2" not in t and "[FaceStationF2" not in t]
    assert sorted(reordered) == sorted(suite) and findface
    assert reordered[: len(findface)] == findface  # in the suite's own order, then the rest in theirs
    assert reordered[len(findface) :] == [t for t in suite if t not in findface]
