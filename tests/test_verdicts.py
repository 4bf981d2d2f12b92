"""The closing lines: one result per scenario run with its cause class, the same under xdist and
under retries (pytester runs a small suite through the suite's own results plugin)."""

from __future__ import annotations

import re

import pytest

from tests.labrun import ROOT

pytest_plugins = ["pytester"]

SUITE = """
import itertools
import pytest
from biohil.client import GatewayUnavailable
from biohil.operator import OperatorSkipped, OperatorTimeout
from biohil.verdict import NotApplicable

pytestmark = pytest.mark.findface  # counted under "FindFace", as the FindFace scenarios are
tries = itertools.count()

def test_passes(): pass
def test_the_product_answers_wrongly(): assert False, "expected IDENTIFY_FAIL"
def test_the_gateway_went_away(): raise GatewayUnavailable("User.Enroll", None, "link down")
def test_nobody_answered(): raise OperatorTimeout("operator timeout")
def test_the_terminal_has_no_camera(): raise NotApplicable("has no face camera")
def test_the_person_skipped(): raise OperatorSkipped("the operator skipped it")

@pytest.fixture
def cleanup_fails():
    yield
    raise GatewayUnavailable("User.Delete", None, "link down")

def test_fails_and_its_cleanup_too(cleanup_fails): assert False
def test_only_its_cleanup_fails(cleanup_fails): pass
def test_not_applicable_and_its_cleanup_fails(cleanup_fails): raise NotApplicable("has no card reader")

# The suite's own bugs and the bench PC's faults are never the firmware's.
def test_the_suite_has_a_bug(): {}["missing"]
library = {"__name__": "biohil.lab.somewhere"}
exec("def check(): assert False, 'an internal check of the library'", library)
def test_the_library_asserts_on_itself(): library["check"]()
def test_the_bench_pc_disk_is_full(): raise OSError(28, "No space left on device")
def test_several_cleanups_fail_on_the_gateway():
    raise ExceptionGroup("cleanups", [GatewayUnavailable("User.Delete", None, "down"), TimeoutError("lock")])

@pytest.mark.flaky(reruns=2)
def test_passes_when_retried(): assert next(tries) >= 2
"""
EXPECTED = (
    "2 passed, 2 failed: product, 2 failed: suite, 5 failed: infrastructure, 1 failed: operator, "
    "1 skipped: operator, 1 not applicable"
)


@pytest.fixture
def results(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A folder whose tests are counted by the suite's results plugin."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # fixtures.summary, for the workers too
    pytester.makeconftest('pytest_plugins = ["fixtures.summary"]')
    pytester.makeini("[pytest]\nmarkers =\n    findface: a FindFace scenario\n")
    return pytester


@pytest.mark.parametrize("args", [(), ("-n", "2")], ids=["serial", "xdist"])
def test_one_result_per_scenario_run_with_its_cause(results: pytest.Pytester, args: tuple[str, ...]) -> None:
    results.makepyfile(test_suite=SUITE)
    result = results.runpytest_subprocess("-p", "no:cacheprovider", *args)
    out = result.stdout.str()
    assert re.search(rf"^FindFace: {re.escape(EXPECTED)}$", out, re.M), out
    assert re.search(rf"^14 scenario results: {re.escape(EXPECTED)}$", out, re.M), out
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_a_run_where_nothing_passed_is_not_green(results: pytest.Pytester) -> None:
    results.makepyfile(
        test_suite="""
import pytest
from biohil.operator import OperatorSkipped
from biohil.verdict import NotApplicable
pytestmark = pytest.mark.findface
def test_a(): raise NotApplicable("has no face camera")
def test_b(): raise OperatorSkipped("needs an operator: no terminal to prompt on")
"""
    )
    result = results.runpytest_subprocess("-p", "no:cacheprovider")
    out = result.stdout.str()
    assert "2 scenario results: 1 skipped: operator, 1 not applicable" in out
    assert "NOTHING WAS TESTED: no scenario passed" in out
    assert result.ret == pytest.ExitCode.TESTS_FAILED


# -- the closing lines come last; the skips by reason ------------------------------------------------

ENDING = """
import pytest
from biohil.operator import OperatorSkipped
from biohil.verdict import NotApplicable
pytestmark = pytest.mark.findface

@pytest.mark.parametrize("n", range(3))
def test_a_face_scenario(n): raise NotApplicable("has no face camera")
@pytest.mark.parametrize("n", range(2))
def test_a_person_scenario(n): raise NotApplicable("needs a person at the bench, and this run is unattended")
def test_the_person_skipped(): raise OperatorSkipped("the operator skipped it")
def test_passes(): pass
def test_the_product_answers_wrongly(): assert False, "expected IDENTIFY_FAIL"
"""
BY_REASON = [
    "skipped: operator: the operator skipped it — 1 scenario",
    "not applicable: has no face camera — 3 scenarios",
    "not applicable: needs a person at the bench, and this run is unattended — 2 scenarios",
]
STATS = re.compile(r"^=* ?\d+ (passed|failed|skipped)\b.* in [\d.]+s\b")


def _ending(out: str) -> tuple[list[str], list[str]]:
    """The non-empty lines before the closing lines' rule, and the rule and what follows it."""
    lines = [line for line in out.splitlines() if line.strip()]
    rule = max(i for i, line in enumerate(lines) if re.fullmatch(r"-+ scenario results -+", line))
    return lines[:rule], lines[rule:]


@pytest.fixture
def project_ini(results: pytest.Pytester) -> pytest.Pytester:
    """The project's own report options: -ra from the ini file, as pyproject.toml has it."""
    results.makeini("[pytest]\naddopts = -ra\nmarkers =\n    findface: a FindFace scenario\n")
    return results


@pytest.mark.parametrize("args", [(), ("-n", "2")], ids=["serial", "xdist"])
def test_the_closing_lines_come_last_and_skips_are_counted_by_reason(
    project_ini: pytest.Pytester, args: tuple[str, ...]
) -> None:
    project_ini.makepyfile(test_suite=ENDING)
    out = project_ini.runpytest_subprocess("-p", "no:cacheprovider", *args).stdout.str()
    before, closing = _ending(out)
    assert closing[1:] == [
        "FindFace: 1 passed, 1 failed: product, 1 skipped: operator, 5 not applicable",
        "8 scenario results: 1 passed, 1 failed: product, 1 skipped: operator, 5 not applicable",
    ], out
    assert STATS.match(before[-1]), out  # pytest's own last line comes just before them
    skips = before.index(next(line for line in before if "skipped scenarios by reason" in line))
    assert before[skips + 1 : -1] == BY_REASON, out
    assert "SKIPPED" not in out
    assert re.search(r"^FAILED test_suite.py::test_the_product_answers_wrongly - AssertionError", out, re.M)


def test_nothing_was_tested_is_the_last_line(project_ini: pytest.Pytester) -> None:
    project_ini.makepyfile(
        test_suite="""
import pytest
from biohil.verdict import NotApplicable
pytestmark = pytest.mark.findface
@pytest.mark.parametrize("n", range(4))
def test_a(n): raise NotApplicable("needs a person at the bench, and this run is unattended")
"""
    )
    result = project_ini.runpytest_subprocess("-p", "no:cacheprovider")
    before, closing = _ending(result.stdout.str())
    assert closing[-1] == "NOTHING WAS TESTED: no scenario passed", closing
    assert STATS.match(before[-1]) and before[-2].endswith("unattended — 4 scenarios"), before
    assert result.ret == pytest.ExitCode.TESTS_FAILED


@pytest.mark.parametrize("asked", [("-rs",), ("-r", "fEs"), ("-ra",)])
def test_asking_for_each_skip_lists_each_one(project_ini: pytest.Pytester, asked: tuple[str, ...]) -> None:
    project_ini.makepyfile(test_suite=ENDING)
    out = project_ini.runpytest_subprocess("-p", "no:cacheprovider", *asked).stdout.str()
    before, closing = _ending(out)
    assert len(closing) == 3 and STATS.match(before[-1]), out
    assert re.search(r"^SKIPPED \[3\] test_suite.py:\d+: has no face camera$", out, re.M), out
    assert re.search(r"^SKIPPED \[1\] test_suite.py:\d+: the operator skipped it$", out, re.M), out
    assert "skipped scenarios by reason" not in out
