"""Test IDs a person can select: every collected scenario row by `pytest -k`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _pytest.mark.expression import Expression

from biohil.lab.terminal import test_id as terminal_test_id
from fixtures.testids import example_id

ROOT = Path(__file__).resolve().parents[1]
CARD_AND_FACE = (
    "steps/test_scenarios.py::test_extended_mode_mode_credentials_is_result"
    "[FaceStationF2-card_and_face-the_card_then_the_face-granted-verify_success-0x0A-the_test_user]"
)


def _collect(*args: str) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return [line for line in run.stdout.splitlines() if "::" in line]


def test_an_examples_row_is_named_by_its_values_in_words_k_can_hold() -> None:
    assert example_id(["card + face", "the card, then the face", "0x0A"]) == (
        "card_and_face-the_card_then_the_face-0x0A"
    )
    assert example_id(["the card, then another user's face"]) == "the_card_then_another_users_face"
    assert example_id(["Émilie du Châtelet", "987654", ""]) == "Emilie_du_Chatelet-987654-"
    assert terminal_test_id("BioStation 2 #2") == "BioStation2_2"


def test_every_collected_test_id_can_be_selected_with_k() -> None:
    ids = _collect()
    assert len(ids) > 200 and len(set(ids)) == len(ids)
    for node in ids:
        name = node.partition("::")[2]
        assert name.isascii() and " " not in name and "+" not in name, node
        Expression.compile(name)  # raises on what a -k expression cannot hold
    assert CARD_AND_FACE in ids
    # a word of one value selects its rows, and only those
    picked = _collect("-k", "card_and_face and FaceStationF2 and credentials_is_result")
    assert CARD_AND_FACE in picked
    assert all("-card_and_face" in node and "FaceStationF2" in node for node in picked), picked
    paired = _collect("-k", "BioStation2_and_another")
    assert [node.rpartition("[")[2] for node in paired] == ["BioStation2_and_another]"], paired
