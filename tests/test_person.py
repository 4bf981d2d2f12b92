"""A whole lab run with a scripted person at the bench (tests/person.py): it reads each prompt on
the run's pseudo-terminal, waits as a person would, and acts through the simulator's control API.
It never answers a prompt, so every prompt has to close by itself on the terminal's report."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from biohil.client import Gateway
from tests.labrun import F2, Lab, closing_lines, spawn
from tests.person import Person, Prompt, parse

OWN_CARD_THEN_FACE = re.compile(
    r'present the card "test card" of user \d+, then within 5 s show the face "test face"'
)


@pytest.fixture
def gateway(lab: Lab) -> Iterator[Gateway]:
    gw = Gateway.open(lab.address, lab.ca)
    yield gw
    gw.close()


def _run(
    lab: Lab, gateway: Gateway, tmp: Path, person: dict[str, object], *select: str
) -> tuple[str, Person, float]:
    child = spawn(lab, lab.config(), tmp, *select)
    started = time.monotonic()
    someone = Person(child, gateway, **person)  # type: ignore[arg-type]
    try:
        out = someone.run()
    finally:  # a run cut short must not hold the terminals for the next test
        child.close(force=True)
    return out, someone, time.monotonic() - started


@pytest.mark.timeout(1500)  # every scenario, at a person's pace
@pytest.mark.parametrize(
    ("react", "select"), [(2.0, ()), (0.5, ("-m", "lab_smoke"))], ids=["2 s, all", "0.5 s, smoke"]
)
def test_a_whole_lab_run_at_a_persons_pace(
    lab: Lab, gateway: Gateway, tmp_path: Path, react: float, select: tuple[str, ...]
) -> None:
    before = lab.state()
    out, person, wall = _run(lab, gateway, tmp_path, {"react": react}, *select)
    closing = closing_lines(out)
    assert not any(re.search(r"failed|skipped|interrupted", line) for line in closing), closing
    assert re.search(r"^FaceStationF2: \d+ passed, \d+ not applicable", out, re.M), closing
    assert lab.state() == before
    per_terminal = Counter(parse(p).device_id for p in person.prompts)
    what = " ".join(select) or "all"
    print(
        f"\n{react:g} s person, {what}: {len(person.prompts)} prompts {dict(per_terminal)}, {wall:.0f} s wall"
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

    out, person, _ = _run(
        lab,
        gateway,
        tmp_path,
        {"react": 0.5, "pace": late_the_first_time},
        "-k",
        "FaceStationF2 and extended_mode",
    )
    assert any(p.startswith("again, a bit faster: ") for p in person.prompts), person.prompts
    assert "the whole sequence must be done within 5 s" in out
    assert not any("failed" in line for line in closing_lines(out)), closing_lines(out)


def test_a_second_factor_late_twice_is_an_operator_outcome_not_a_product_failure(
    lab: Lab, gateway: Gateway, tmp_path: Path
) -> None:
    def always_late(prompt: Prompt, n: int) -> float | None:
        return 6.5 if n == 1 and OWN_CARD_THEN_FACE.search(prompt.task) else None

    out, _, _ = _run(
        lab, gateway, tmp_path, {"react": 0.5, "pace": always_late}, "-k", "FaceStationF2 and extended_mode"
    )
    closing = closing_lines(out)
    assert re.search(r"^FaceStationF2: \d+ passed, [1-9]\d* failed: operator$", closing[0]), closing
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

    out, person, _ = _run(
        lab,
        gateway,
        tmp_path,
        {"react": 0.5, "late_after_skip": once},
        "-k",
        "FaceStationF2 and extended_mode",
    )
    assert skipped, person.prompts
    assert "may still take the last prompt's action" in out
    closing = closing_lines(out)
    assert re.search(rf"^{F2.name.replace(' ', '')}: \d+ passed, 1 skipped: operator$", closing[0]), closing
