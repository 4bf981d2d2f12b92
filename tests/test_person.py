"""Lab runs with a scripted person at the bench (tests/person.py): it reads each prompt on the
run's pseudo-terminal, waits as a person would, and acts through the simulator's control API.
It never answers a prompt, so every prompt has to close by itself on the terminal's report.

Each run holds only the scenarios its claim needs, and a 0.5 s person: the prompt logic is the
same at any pace. The whole catalogue with a 2 s person is bench/person_bench.py (run every night)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from biohil.client import Gateway
from tests.labrun import BS2, F2, Lab, closing_lines, not_clean, plain, start_lab
from tests.person import Prompt, parse, run_lab

OWN_CARD_THEN_FACE = re.compile(
    r'1\. present the card "test card" of user \d+\r?\n    2\. show the face "test face" of user \d+'
)
_EXTENDED = "steps/test_scenarios.py::test_extended_mode_mode_credentials_is_result[FaceStationF2-"
CARD_THEN_FACE = f"{_EXTENDED}card_and_face-the_card_then_the_face-granted-verify_success-0x0A-the_test_user]"
FACE_ONLY = f"{_EXTENDED}face_only-the_face-granted-identify_success-0x03-the_test_user]"
_CLASSIC = "steps/test_scenarios.py::test_classic_mode_mode_credentials_is_result[BioStation2-"
CARD_ONLY = f"{_CLASSIC}card_only-the_card-granted-verify_success-0x06-the_test_user]"
PERSON = 0.5  # seconds from a prompt to each action
pytestmark = pytest.mark.long  # each test is a lab run at a person's pace


def flat(out: str) -> str:
    """The run's output as plain text, a prompt's wrapped lines back in one."""
    return re.sub(r"\n {7}", " ", plain(out))


@pytest.fixture
def gateway(lab: Lab) -> Iterator[Gateway]:
    gw = Gateway.open(lab.address, lab.ca)
    yield gw
    gw.close()


def test_a_smoke_lab_run_at_a_persons_pace(lab: Lab, gateway: Gateway, tmp_path: Path) -> None:
    before = lab.state()
    out, person, wall = run_lab(lab, gateway, tmp_path, "-m", "lab_smoke", react=PERSON)
    closing = closing_lines(out)
    assert not not_clean(closing), closing
    assert re.search(r"^FaceStationF2: \d+ passed, \d+ not applicable", out, re.M), closing
    assert lab.state() == before
    per_terminal = Counter(parse(p).device_id for p in person.prompts)
    # both terminals were prompted for
    assert set(per_terminal) == {BS2.device_id, F2.device_id}, per_terminal
    # progress is exact from the first prompt: "scenario N of M", M never changes, N ends at M
    progress: dict[int, list[tuple[int, int]]] = {}
    for prompt in person.prompts:
        counted = re.search(r"· scenario (\d+) of (\d+) for a person here", prompt)
        assert counted, prompt
        progress.setdefault(parse(prompt).device_id, []).append((int(counted[1]), int(counted[2])))
    for device, seen in progress.items():
        total = {m for _, m in seen}
        assert len(total) == 1 and seen[0][0] == 1 and seen[-1][0] == seen[-1][1], (device, seen)
    print(
        f"\n{PERSON:g} s person, smoke: {len(person.prompts)} prompts {dict(per_terminal)}, {wall:.0f} s wall"
    )


def test_a_second_factor_a_bit_late_is_asked_again_and_passes(
    lab: Lab, gateway: Gateway, tmp_path: Path
) -> None:
    def late_the_first_time(prompt: Prompt, n: int) -> float | None:
        late = n == 1 and not prompt.again and OWN_CARD_THEN_FACE.search(prompt.task)
        return 6.5 if late else None

    out, person, _ = run_lab(lab, gateway, tmp_path, CARD_THEN_FACE, react=PERSON, pace=late_the_first_time)
    assert any(parse(p).again for p in person.prompts), person.prompts
    assert "the whole sequence must be done within 5 s" in out
    assert re.search(r"late, [\d.]+ s after the terminal gave up: .*\(not counted\)", flat(out)), out
    assert closing_lines(out)[0] == "FaceStationF2: 1 passed", closing_lines(out)


def test_a_second_factor_late_twice_is_an_operator_outcome_not_a_product_failure(
    lab: Lab, gateway: Gateway, tmp_path: Path
) -> None:
    def always_late(prompt: Prompt, n: int) -> float | None:
        return 6.5 if n == 1 and OWN_CARD_THEN_FACE.search(prompt.task) else None

    out, _, _ = run_lab(lab, gateway, tmp_path, CARD_THEN_FACE, react=PERSON, pace=always_late)
    assert closing_lines(out)[0] == "FaceStationF2: 1 failed: operator", closing_lines(out)
    assert "the person did not complete the sequence within the terminal's 5 s, twice" in out


def test_the_rest_presented_after_the_terminal_gave_up_is_set_aside_and_an_operator_outcome(
    lab: Lab, gateway: Gateway, tmp_path: Path
) -> None:
    """The person presents the card, waits until the terminal gives up, then shows the face anyway:
    shown as late on both tries, never counted for the retry; one operator result."""
    out, _, _ = run_lab(lab, gateway, tmp_path, CARD_THEN_FACE, react=PERSON, after_give_up=lambda p: True)
    assert len(re.findall(r"late, [\d.]+ s after the terminal gave up", flat(out))) == 2, out
    assert closing_lines(out)[0] == "FaceStationF2: 1 failed: operator", closing_lines(out)


def test_a_wrong_card_is_shown_as_the_persons_asked_again_and_then_an_operator_outcome(
    lab: Lab, gateway: Gateway, tmp_path: Path
) -> None:
    """A card nobody has instead of the test card: the prompt says what the terminal read; asked
    again; the same mistake again is one operator result, never a product failure."""

    def attempts(prompt: Prompt) -> bool:
        return not prompt.for_scan

    out, _, _ = run_lab(lab, gateway, tmp_path, CARD_ONLY, react=PERSON, wrong=attempts)
    text = flat(out)
    assert re.search(
        r"not what was asked: the terminal read a card \(\d+ bytes, [0-9a-f]+…?\) that is not the \"test card\"",
        text,
    )
    assert "    again (the terminal read a card" in text
    assert closing_lines(out)[0] == "BioStation2: 1 failed: operator", closing_lines(out)
    assert "the person did not do what was asked, twice" in out


def test_a_credential_presented_after_its_prompt_closed_does_not_count_for_the_next_scenario(
    lab: Lab, gateway: Gateway, tmp_path: Path
) -> None:
    skipped: list[str] = []

    def once(prompt: Prompt) -> bool:  # the person skips the face-only attempt, then shows the face
        if (
            skipped
            or prompt.for_scan
            or not re.fullmatch(r'show the face "test face" of user \d+', prompt.actions[0])
        ):
            return False
        skipped.append(prompt.task)
        return True

    # face only, then a scenario the late face would spoil (card + face) on the same terminal
    out, person, _ = run_lab(
        lab, gateway, tmp_path, FACE_ONLY, CARD_THEN_FACE, react=PERSON, late_after_skip=once
    )
    assert skipped, person.prompts
    assert re.search(r"late, [\d.]+ s after the prompt closed: .*\(not counted\)", flat(out)), out
    closing = closing_lines(out)
    assert closing[0] == "FaceStationF2: 1 passed, 1 skipped: operator", closing


def test_a_terminal_clock_hours_off_the_bench_pc_is_measured_and_its_records_are_checked_against_it(
    tmp_path: Path,
) -> None:
    """A terminal whose clock runs 3 h ahead of the bench PC's UTC: preflight measures the offset
    (in its line and the environment), and the timestamps of the records the scenario causes,
    checked against the bench PC's UTC moved by that offset, pass."""
    proc, lab = start_lab(tmp_path / "lab")
    try:
        lab.simctl("advance", str(3 * 3600))
        gateway = Gateway.open(lab.address, lab.ca)
        try:
            out, _, _ = run_lab(
                lab,
                gateway,
                tmp_path,
                "-k",
                f"filters_by and {BS2.model.name.replace(' ', '')}",
                react=PERSON,
            )
        finally:
            gateway.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert closing_lines(out)[0] == "BioStation2: 1 passed", closing_lines(out)
    measured = r"clock \+10[78]\d\d\.\d s ±0\.\d s from the bench PC's UTC"
    assert re.search(rf"{BS2.model.name} \({BS2.ip}:{BS2.port}\): preflight OK: .*{measured}", plain(out)), (
        out
    )
    # environment.properties escapes the spaces of a key: "terminal\ BioStation\ 2=..."
    environment = (tmp_path / "allure" / "environment.properties").read_text().replace("\\ ", " ")
    assert re.search(rf"terminal {BS2.model.name}=.*{measured}", environment), environment
