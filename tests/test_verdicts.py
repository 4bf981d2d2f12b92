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
