"""Unconfirmed readings: where the documentation is silent, a lab terminal that answers by another
reading than the suite's is "unconfirmed reading", never product; on the simulator it stays strict.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from biohil.client import Gateway
from biohil.readings import DEFAULT, Readings
from biohil.scenario.readings import Expectations
from biohil.verdict import Cause, Unconfirmed, Unexpected, cause_of
from tests.labrun import Lab, closing_lines, start_lab
from tests.person import run_lab

STRICTER = (
    "steps/test_scenarios.py::test_a_users_own_mode_stricter_than_the_terminals_is_enforced_not_added_to_it"
    "[BioStation2]"
)


def own_mode_outcome(values: Readings) -> str:
    return {"replaces": "a timeout", "added": "a grant"}[values["own_mode"]]


def test_an_answer_by_another_value_is_an_unconfirmed_reading_in_the_lab_naming_the_switch() -> None:
    with pytest.raises(Unconfirmed) as raised:
        Expectations(DEFAULT, strict=False).check(("own_mode",), own_mode_outcome, "a grant", "the attempt")
    text = str(raised.value)
    assert "expected a timeout (by the reading own_mode=replaces)" in text
    assert "the terminal did a grant" in text and "--reading own_mode=added" in text
    assert cause_of(raised.value) is Cause.UNCONFIRMED and raised.value.reason_name == "reading own_mode"


def test_the_same_answer_on_the_simulator_is_a_product_failure() -> None:
    with pytest.raises(Unexpected) as raised:
        Expectations(DEFAULT, strict=True).check(("own_mode",), own_mode_outcome, "a grant", "the attempt")
    assert cause_of(raised.value) is Cause.PRODUCT
    text = str(raised.value)
    assert (
        "the run's readings say own_mode=replaces, and the simulator answered as --reading own_mode=added"
        in text
    )


def test_an_answer_no_value_explains_or_only_a_documented_one_is_a_product_failure() -> None:
    lab = Expectations(DEFAULT, strict=False)
    with pytest.raises(Unexpected, match="which no value of own_mode explains"):
        lab.check(("own_mode",), own_mode_outcome, "a refusal", "the attempt")
    per_step = {"whole_sequence": "a timeout", "per_step": "a grant"}
    with pytest.raises(Unexpected, match="against the documentation"):  # auth_timeout is documented
        lab.check(("auth_timeout",), lambda v: per_step[v["auth_timeout"]], "a grant", "the attempt")


def test_the_readings_in_effect_decide_what_is_expected() -> None:
    told = Expectations(Readings({"own_mode": "added"}), strict=False)
    told.check(("own_mode",), own_mode_outcome, "a grant", "the attempt")  # as the lab's file says
    with pytest.raises(Unconfirmed, match="--reading own_mode=replaces"):
        told.check(("own_mode",), own_mode_outcome, "a timeout", "the attempt")


@pytest.fixture
def added_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """A simulator in its own process whose terminals read own_mode otherwise than the suite."""
    proc, started = start_lab(tmp_path_factory.mktemp("lab"), "--reading", "own_mode=added")
    try:
        yield started
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.long
def test_a_lab_terminal_reading_own_mode_otherwise_ends_unconfirmed_and_its_readings_file_passes(
    added_lab: Lab, tmp_path: Path
) -> None:
    gateway = Gateway.open(added_lab.address, added_lab.ca)
    try:
        before = added_lab.state()
        out, _, _ = run_lab(added_lab, gateway, tmp_path / "first", STRICTER, react=0.2)
        closing = closing_lines(out)
        assert closing[-1] == "1 scenario results: 1 failed: unconfirmed reading", closing
        assert "--reading own_mode=added" in out and "product" not in closing[-1]
        [result] = [
            json.loads(p.read_text())
            for p in (tmp_path / "first" / "allure").glob("*-result.json")
            if json.loads(p.read_text())["status"] != "passed"
        ]
        labels = {label["name"]: label["value"] for label in result["labels"]}
        assert (labels["cause"], labels["reason"]) == ("unconfirmed reading", "reading own_mode")
        assert added_lab.state() == before  # the terminal is left as it was found

        readings_file = tmp_path / "lab-readings.toml"
        readings_file.write_text('[readings]\nown_mode = "added"\n')
        out, _, _ = run_lab(
            added_lab, gateway, tmp_path / "second", STRICTER, f"--readings-file={readings_file}", react=0.2
        )
        assert closing_lines(out)[-1] == "1 scenario results: 1 passed", closing_lines(out)
    finally:
        gateway.close()
