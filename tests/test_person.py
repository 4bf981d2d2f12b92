"""Lab runs with a scripted person at the bench (tests/person.py): it reads each prompt on the
run's pseudo-terminal, waits as a person would, and acts through the simulator's control API.
It never answers a prompt, so every prompt has to close by itself on the terminal's report.

Each run holds only the scenarios its claim needs, and a 0.5 s person: the prompt logic is the
same at any pace. The whole catalogue with a 2 s person is bench/lab_run.py (run every night)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from biohil.client import Gateway
from tests.labrun import BS2, F2, Lab, closing_lines, not_clean
from tests.person import Prompt, parse, run_lab

OWN_CARD_THEN_FACE = re.compile(
    r'present the card "test card" of user \d+, then within 5 s show the face "test face"'
)
_EXTENDED = "steps/test_scenarios.py::test_extended_mode_mode_credentials_is_result[FaceStationF2-"
# Node IDs, as -k cannot name an Examples row that holds a space or a "+".
CARD_THEN_FACE = f"{_EXTENDED}card + face-the card, then the face-granted-verify success-0x0A-the test user]"
FACE_ONLY = f"{_EXTENDED}face only-the face-granted-identify success-0x03-the test user]"
PERSON = 0.5  # seconds from a prompt to each action
pytestmark = pytest.mark.long  # each test is a lab run at a person's pace


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
    print(
        f"\n{PERSON:g} s person, smoke: {len(person.prompts)} prompts {dict(per_terminal)}, {wall:.0f} s wall"
    )


def test_a_second_factor_a_bit_late_is_asked_again_and_passes(
    lab: Lab, gateway: Gateway, tmp_path: Path
) -> None:
    asked: Counter[str] = Counter()

    def late_the_first_time(prompt: Prompt, n: int) -> float | None:
        if n == 0:
            asked[prompt.task.removeprefix("again, a bit faster: ")] += 1
        first = asked[prompt.task.removeprefix("again, a bit faster: ")] == 1
        return 6.5 if n == 1 and first and OWN_CARD_THEN_FACE.search(prompt.task) else None

    out, person, _ = run_lab(lab, gateway, tmp_path, CARD_THEN_FACE, react=PERSON, pace=late_the_first_time)
    assert any(p.startswith("again, a bit faster: ") for p in person.prompts), person.prompts
    assert "the whole sequence must be done within 5 s" in out
    assert closing_lines(out)[0] == "FaceStationF2: 1 passed", closing_lines(out)


def test_a_second_factor_late_twice_is_an_operator_outcome_not_a_product_failure(
    lab: Lab, gateway: Gateway, tmp_path: Path
) -> None:
    def always_late(prompt: Prompt, n: int) -> float | None:
        return 6.5 if n == 1 and OWN_CARD_THEN_FACE.search(prompt.task) else None

    out, _, _ = run_lab(lab, gateway, tmp_path, CARD_THEN_FACE, react=PERSON, pace=always_late)
    assert closing_lines(out)[0] == "FaceStationF2: 1 failed: operator", closing_lines(out)
    assert "the person did not complete the sequence within the terminal's 5 s, twice" in out


def test_a_credential_presented_after_its_prompt_closed_does_not_count_for_the_next_scenario(
    lab: Lab, gateway: Gateway, tmp_path: Path
) -> None:
    skipped: list[str] = []

    def once(prompt: Prompt) -> bool:  # the person skips the face-only attempt, then shows the face
        if skipped or not re.fullmatch(r'show the face "test face" of user \d+', prompt.actions[0]):
            return False
        skipped.append(prompt.task)
        return True

    # face only, then a scenario the late face would spoil (card + face) on the same terminal
    out, person, _ = run_lab(
        lab, gateway, tmp_path, FACE_ONLY, CARD_THEN_FACE, react=PERSON, late_after_skip=once
    )
    assert skipped, person.prompts
    assert "may still take the last prompt's action" in out
    closing = closing_lines(out)
    assert closing[0] == "FaceStationF2: 1 passed, 1 skipped: operator", closing
