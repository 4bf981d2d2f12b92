"""Many bench PCs and CI jobs, one night, one report: a run owns the terminals --terminals gives
it (biohil.lab.shard), and `make report` merges the shards' results folders into one report whose
totals are the sums of the shards' (biohil.report.shards, biohil.report.merge)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from biohil.client import Gateway
from biohil.client.testusers import DEFAULT_RANGE
from biohil.lab import lease, shard
from biohil.lab.bench import Bench
from biohil.lab.locks import holder
from biohil.lab.shard import FINDFACE, SelectionError, select, selectors
from biohil.lab.terminal import Terminal
from biohil.report import merge
from biohil.report.shards import SUMMARY, Night, ShardSummary, read
from biohil.simulator.models import fleet
from tests.labrun import ROOT, closing_lines, run_suite, start_lab, suite_args
from tests.reporting import CHROMIUM, FLAGS, make_report, needs_browser
from tests.sharedrun import shared_run

FLEET = [Terminal(s.name, s.ip, s.port, s.model.name, s.device_id) for s in fleet(10)]


def _names(terminals: tuple[Terminal, ...]) -> list[str]:
    return [t.name for t in terminals]


# -- which terminals a run owns ------------------------------------------------------------------


def test_a_selection_names_terminals_by_device_id_name_test_id_or_model() -> None:
    assert _names(select(FLEET, ["541530001"]).terminals) == ["FaceStation F2"]
    assert _names(select(FLEET, ["BioStation 2 #2"]).terminals) == ["BioStation 2 #2"]
    assert _names(select(FLEET, ["biostation2_2"]).terminals) == ["BioStation 2 #2"]
    both = select(FLEET, selectors(["bioentry w2, FaceStation 2"]))
    assert _names(both.terminals) == ["BioEntry W2", "FaceStation 2", "BioEntry W2 #2", "FaceStation 2 #2"]
    assert not both.findface
    assert both.owned() == ["BioEntryW2", "FaceStation2", "BioEntryW2_2", "FaceStation2_2"]
    assert len(both.others()) == 7 and both.others()[-1] == FINDFACE  # six terminals and FindFace
    assert select(FLEET, ["findface"]).terminals == () and select(FLEET, ["FindFace"]).findface
    everything = select(FLEET, None)
    assert everything.terminals == tuple(FLEET) and everything.findface
    lab = select(FLEET, ["1/5"], findface_there=False)  # a lab file without [findface]
    assert not lab.findface and FINDFACE not in lab.others()


@given(st.integers(min_value=0, max_value=30), st.integers(min_value=1, max_value=8))
def test_k_of_n_shards_own_every_terminal_and_findface_exactly_once(size: int, n: int) -> None:
    terminals = [Terminal(f"T{i}", "127.0.0.1", 51211 + i) for i in range(size)]
    shards = [select(terminals, [f"{k}/{n}"]) for k in range(1, n + 1)]
    owned = [t.name for s in shards for t in s.terminals]
    assert sorted(owned) == sorted(t.name for t in terminals)  # each once
    assert [s.findface for s in shards].count(True) == 1


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (["W3"], r"--terminals W3: no terminal of the target has that device ID, name or model \(it has: "),
        (["0/3"], r"--terminals 0/3: the shard K of N must be 1\.\.N"),
        (["4/3"], r"--terminals 4/3: the shard K of N must be 1\.\.N"),
        ([], r"--terminals is empty: name the terminals this run owns"),  # a blank CI variable
        (["1/2", "2/3"], r"--terminals 1/2,2/3: shards of 2 and 3 do not split one night; give one N"),
    ],
)
def test_a_selection_that_names_nothing_is_refused_with_what_there_is(
    chosen: list[str], message: str
) -> None:
    with pytest.raises(SelectionError, match=message):
        select(FLEET, chosen)
    with pytest.raises(SelectionError, match=r"--terminals FindFace: the target has no FindFace server"):
        select(FLEET, ["FindFace"], findface_there=False)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--terminals", "W3"], "ERROR: --terminals W3: no terminal of the target"),
        (["--sim-terminals", "65"], "ERROR: --sim-terminals 65 is out of range; use 1..64"),
        (
            ["--sim-terminals", "4", "--sim-gateway", "127.0.0.1:1"],
            "ERROR: --sim-terminals is for the simulator started in the run",
        ),
    ],
)
def test_the_suite_refuses_a_bad_shard_in_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    done = run_suite(suite_args(*args, "--collect-only", allure=tmp_path / "allure"), timeout=120)
    assert done.returncode == 4 and message in done.stderr, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.long
def test_a_shard_of_one_terminal_says_why_the_two_terminal_scenarios_do_not_apply(tmp_path: Path) -> None:
    argv = suite_args("--terminals", "541530001", "-k", "narrowed_to_another", allure=tmp_path / "allure")
    done = run_suite(argv, timeout=300)
    assert done.returncode == 1, done.stdout[-3000:]  # nothing passed: not green
    why = "needs a second terminal this run owns, and it owns only this one (--terminals leaves 1 more"
    assert why in done.stdout, done.stdout[-3000:]
    assert "shard 541530001: owned FaceStationF2; left to other shards: BioStation2, FindFace" in done.stdout


# -- one night of several shards ------------------------------------------------------------------------


def _summary(name: str, owned: list[str], results: dict[str, dict[str, int]], **more: Any) -> ShardSummary:
    environment = {"target": "simulator", "suite version": "0.1.0", **more.pop("environment", {})}
    return ShardSummary(
        shard=name,
        bench_pc=f"pc-{name}",
        target="simulator",
        gateway="127.0.0.1:4000",
        owned=owned,
        results=results,
        environment=environment,
        **more,
    )


def test_a_night_sums_its_shards_and_says_what_none_or_two_of_them_owned() -> None:
    a = _summary(
        "a",
        ["BioStation2", FINDFACE],
        {"BioStation2": {"passed": 3, "failed: product": 1}, FINDFACE: {"passed": 2}},
        not_owned=["FaceStationF2", "BioEntryW2"],
        environment={"terminal BioStation 2": "BioStation 2, firmware 1.11.0", "git commit": "abc"},
    )
    b = _summary(
        "b",
        ["FaceStationF2"],
        {"FaceStationF2": {"passed": 1, "not applicable": 4}},
        not_owned=["BioStation2", FINDFACE],
        not_tested={"FaceStation F2 #2": "its lease on the terminal: qa@pc-a pid 7"},
        environment={"terminal FaceStation F2": "FaceStation F2, firmware 2.2.0", "git commit": "def"},
    )
    night = Night([a, b])
    values = night.environment()
    assert values["results"] == "11 scenario results: 6 passed, 1 failed: product, 4 not applicable"
    assert values["results on BioStation2"] == "3 passed, 1 failed: product"
    assert values["not covered: BioEntryW2"].startswith("no shard of this report owned it")
    assert values["shard b"].startswith(
        "bench PC pc-b, gateway 127.0.0.1:4000; owned FaceStationF2; 5 scenario"
    )
    assert values["NOT TESTED FaceStation F2 #2 (shard b)"] == "its lease on the terminal: qa@pc-a pid 7"
    assert values["suite version"] == "0.1.0"  # the same in both: said once
    assert values["git commit"] == "abc (shard a); def (shard b)"
    assert [k for k in values if k.startswith("terminal ")] == [
        "terminal BioStation 2",
        "terminal FaceStation F2",
    ]
    twice = Night([a, a.model_copy(update={"shard": "a2"}), b])
    assert "covered twice: BioStation2" in twice.problems() and "covered twice: FindFace" in twice.problems()
    given_twice = Night([a, a]).environment()
    assert (
        given_twice["shard name given twice: a"] == "2 shards are called so: name each shard once (--shard)"
    )
    assert given_twice["shard a"] == given_twice["shard a (2)"] == a.line()  # both kept
    door = _summary("c", ["F2door"], {"F2door": {"passed": 1}}, addresses={"F2door": "10.0.0.9:51211 at gw"})
    bench = _summary(
        "d", ["F2bench"], {"F2bench": {"passed": 1}}, addresses={"F2bench": "10.0.0.9:51211 at gw"}
    )
    same = Night([door, bench]).problems()["one terminal, two names: 10.0.0.9:51211 at gw"]
    assert same.startswith("F2bench (shard d), F2door (shard c): list each terminal in one lab file only")
    alone = Night([b]).environment()
    assert "NOT TESTED FaceStation F2 #2" in alone and "git commit" in alone  # one run's own: no "(shard"
    assert Night([_summary("c", ["X"], {"X": {"not applicable": 2}})]).closing_lines()[-1] == (
        "NOTHING WAS TESTED: no scenario passed"
    )


def _results_folder(where: Path, summary: ShardSummary | None, *names: str) -> Path:
    where.mkdir(parents=True)
    for name in names:
        (where / f"{name}-result.json").write_text("{}")
    (where / "environment.properties").write_text("target=simulator\n")
    if summary is not None:
        summary.write(where)
    return where


def test_the_merge_keeps_every_file_and_refuses_what_would_lose_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _results_folder(tmp_path / "a", _summary("a", ["T1"], {"T1": {"passed": 1}}), "1", "2")
    b = _results_folder(tmp_path / "b", None, "3")  # its run was killed before it wrote its summary
    c = _results_folder(tmp_path / "c", None, "4")
    (c / SUMMARY).write_text('{"shard": "c", "bench')  # cut short: a full disk, a power cut
    empty = tmp_path / "empty"
    empty.mkdir()
    into = tmp_path / "merged"
    night = merge.merge([a, b, c, empty], into, expected=["a", "bench-3"])
    assert sorted(p.name for p in into.glob("*-result.json")) == [f"{n}-result.json" for n in "1234"]
    assert list(night.unfinished) == [str(b), str(c)] and read(into) is None  # summaries stay theirs
    overview = _properties(into / "environment.properties")
    assert overview["results"] == "1 scenario results: 1 passed"
    assert overview[f"unfinished: {b}"].startswith("its run left no summary")
    assert overview[f"unfinished: {c}"].startswith(f"{c / SUMMARY} cannot be read")
    assert overview[f"no results: {empty}"] == "left out (its run wrote none)"
    assert overview["missing shard: bench-3"].startswith("expected, but its results did not come back")
    merge.merge([a], into)  # its own folder: emptied and made again
    assert sorted(p.name for p in into.glob("*-result.json")) == ["1-result.json", "2-result.json"]
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(merge.MergeError, match="holds files this tool did not write"):
        merge.merge([a], foreign)
    assert (foreign / "notes.txt").read_text() == "keep me"
    with pytest.raises(merge.MergeError, match="is given twice"):
        merge.merge([a, tmp_path / "a" / "."], into)
    with pytest.raises(merge.MergeError, match=r"1-result\.json is in both"):
        merge.merge([a, _results_folder(tmp_path / "copy", None, "1")], into)
    with pytest.raises(merge.MergeError, match="nope is not a folder"):  # a typo in RESULTS
        merge.merge([a, tmp_path / "nope"], into)
    assert sorted(p.name for p in into.glob("*-result.json")) == [
        "1-result.json",
        "2-result.json",
    ]  # untouched
    inner = into / "b"  # a shard's folder kept inside the merged one: never emptied with it
    inner.mkdir()
    (inner / "5-result.json").write_text("{}")
    with pytest.raises(merge.MergeError, match="overlap: give the merge its own folder"):
        merge.merge([inner], into)
    assert (inner / "5-result.json").exists()
    assert merge.main([str(empty), "--into", str(into)]) == 2
    assert merge.main([str(a), str(empty), "--into", str(into)]) == 0
    assert f"make report: {empty} has no results; left out" in capsys.readouterr().out
    artifact = tmp_path / "artifact"  # a CI artifact's folder: the results are one level down
    shutil.copytree(a, artifact / "allure-results")
    with pytest.raises(merge.MergeError, match=f"the results are in {artifact / 'allure-results'}"):
        merge.merge([artifact], tmp_path / "elsewhere")


def test_a_merge_that_failed_half_way_leaves_a_folder_the_next_one_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = _results_folder(tmp_path / "a", _summary("a", ["T1"], {"T1": {"passed": 1}}), "1", "2")
    into = tmp_path / "merged"
    placed: list[Path] = []

    def full_disk(source: Path, target: Path) -> None:
        if placed:
            raise OSError(28, "No space left on device")
        placed.append(target)
        shutil.copy2(source, target)

    with monkeypatch.context() as m:
        m.setattr(merge, "_place", full_disk)
        with pytest.raises(OSError, match="No space left"):
            merge.merge([a], into)
    assert len(list(into.glob("*-result.json"))) == 1  # half of it
    merge.merge([a], into)  # still this tool's own folder: taken again, not refused
    assert sorted(p.name for p in into.glob("*-result.json")) == ["1-result.json", "2-result.json"]


# -- shards of one simulator, run at once -------------------------------------------------------------

# One scenario of each kind: plain, not applicable on some models, two terminals, FindFace.
SUBSET = "narrowed_to_another or deleted_users_card or connect_a_terminal or face_camera or log_in_with_basic"


def _run(lab_address: str, ca: Path, folder: Path, *args: str) -> dict[str, Any]:
    """The subset against the simulator, as a run of its own (its own temp folder)."""
    env = {**os.environ, "TMPDIR": str(folder)}
    folder.mkdir(parents=True, exist_ok=True)
    argv = suite_args(
        f"--sim-gateway={lab_address}",
        f"--sim-ca={ca}",
        f"--basetemp={folder / 'tmp'}",
        "-k",
        SUBSET,
        *args,
        allure=folder / "allure-results",
    )
    done = run_suite(argv, timeout=600, env=env)
    return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}


def _night(where: Path) -> Any:
    """An unsharded run and two shards of one simulator of four terminals (biohil-sim --terminals 4),
    the shards run at the same time; then make report of the shards."""
    proc, lab = start_lab(where, "--terminals", "4")
    try:
        whole = _run(lab.address, lab.ca, where / "whole")
        with ThreadPoolExecutor(2) as pool:
            shards = list(
                pool.map(
                    lambda k: _run(lab.address, lab.ca, where / f"shard{k}", "--terminals", f"{k}/2"), (1, 2)
                )
            )
    finally:
        proc.terminate()
        proc.wait(30)
    report = make_report(
        where / "shard1" / "allure-results",
        where / "shard2" / "allure-results",
        out=where / "report",
        history=where / "history.jsonl",
    )
    runs = {"whole": whole, "shard1": shards[0], "shard2": shards[1]}
    (where / "runs.json").write_text(json.dumps(runs))
    return subprocess.CompletedProcess(["make", "report"], report.returncode, report.stdout, report.stderr)


@pytest.fixture
def night(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where, report = shared_run(tmp_path_factory, "night", _night)
    assert report.returncode == 0, report.stdout[-3000:] + report.stderr[-3000:]
    return where


def _properties(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = re.split(r"(?<!\\)(=)", line, maxsplit=1)
        found[key.replace("\\", "")] = value
    return found


@pytest.mark.long
def test_two_shards_of_one_simulator_at_once_merged_equal_one_unsharded_run(night: Path) -> None:
    runs = json.loads((night / "runs.json").read_text())
    for name, run in runs.items():
        assert run["returncode"] == 0, f"{name}: " + run["stdout"][-3000:] + run["stderr"][-2000:]
    whole = _properties(night / "whole" / "allure-results" / "environment.properties")
    merged = _properties(night / "report-results" / "environment.properties")
    counts = {k: v for k, v in whole.items() if k.startswith("results")}
    assert counts == {k: v for k, v in merged.items() if k.startswith("results")}
    assert len([k for k in counts if k.startswith("results on ")]) == 5  # four terminals and FindFace
    assert "passed" in counts["results"] and "not applicable" in counts["results"]
    shard_lines = {k: v for k, v in merged.items() if k.startswith("shard ")}
    assert sorted(shard_lines) == ["shard 1/2", "shard 2/2"]
    assert "owned BioStation2, BioEntryW2, FindFace;" in shard_lines["shard 1/2"]
    assert not [k for k in merged if k.startswith(("not covered", "covered twice", "unfinished"))]
    left = "left to other shards: FaceStationF2, FaceStation2"
    assert f"shard 1/2: owned BioStation2, BioEntryW2, FindFace; {left}" in runs["shard1"]["stdout"]
    # The night's closing lines (make report prints them) are the unsharded run's.
    whole_closing = closing_lines(runs["whole"]["stdout"])
    report_out = json.loads((night.parent / "night.json").read_text())["stdout"]
    assert all(line in report_out for line in whole_closing), (whole_closing, report_out[-2000:])
    # Allure counts the same results, none taken for a retry of another shard's.
    stats = json.loads((night / "report" / "summary.json").read_text())
    whole_results = list((night / "whole" / "allure-results").glob("*-result.json"))
    assert stats["stats"]["total"] == len(whole_results) and stats["retryTests"] == []
    for doc in (json.loads(p.read_text()) for p in (night / "report-results").glob("*-result.json")):
        labels = {label["name"]: label["value"] for label in doc["labels"]}
        assert labels["shard"] in ("1/2", "2/2") and labels["bench_pc"] and labels["gateway"], labels
    assert len((night / "history.jsonl").read_text().splitlines()) == 1  # the merge's, not each shard's


@pytest.mark.long
@needs_browser
def test_the_merged_report_opens_in_a_browser_with_every_shards_terminals(night: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        page.set_default_timeout(120_000)
        trouble: list[str] = []
        page.on("requestfailed", lambda r: trouble.append(f"{r.url[:120]}: {r.failure}"))
        page.on("pageerror", lambda e: trouble.append(str(e)[:300]))
        page.goto((night / "report" / "index.html").as_uri())
        page.get_by_text("Metadata").wait_for()
        overview = page.inner_text("body")
        assert "shard 1/2" in overview and "shard 2/2" in overview, overview[:3000]
        page.get_by_text("G-SDK", exact=True).first.click()  # the tree: G-SDK > feature > terminal
        page.get_by_text("Connecting to a terminal", exact=False).first.click()  # every terminal runs it
        for terminal in (
            "BioStation 2 546830001",
            "FaceStation F2 541530001",
            "BioEntry W2 544130001",
            "FaceStation 2 547530001",
        ):
            page.get_by_text(terminal, exact=True).first.wait_for()
        page.screenshot(path=str(night / "merged.png"))
        browser.close()
    assert trouble == []


# -- a terminal another run holds --------------------------------------------------------------------------


@pytest.mark.long
def test_a_shard_given_a_terminal_another_run_holds_refuses_it_without_a_write(tmp_path: Path) -> None:
    proc, lab = start_lab(tmp_path / "sim", "--terminals", "2")
    try:
        gateway = Gateway.open(lab.address, lab.ca, held_only=True)
        spec = fleet(2)[1]  # the FaceStation F2
        f2 = Terminal(spec.name, spec.ip, spec.port, spec.model.name, spec.device_id, id_range=DEFAULT_RANGE)
        other_pc = Bench(gateway, tmp_path / "pc-1-locks", 0, holder("the other shard"), lambda line: None)
        held = other_pc.hold(f2)  # the other shard's run on another PC: its lease is on the terminal
        before, newest = lab.state(), held.device.newest_event_id()
        run = _run(lab.address, lab.ca, tmp_path / "pc-2", "--terminals", str(spec.device_id))
        after, newest_after = lab.state(), held.device.newest_event_id()
        other_pc.release()
        gateway.close()
    finally:
        proc.terminate()
        proc.wait(30)
    out = run["stdout"]
    assert run["returncode"] == 1, out[-3000:] + run["stderr"][-2000:]
    refused = "NOT TESTED FaceStation F2: another run holds this terminal (its lease on the terminal: "
    refused += f"{lease.holder()},"
    assert refused in out, out[-3000:]
    assert "NOTHING WAS TESTED" in out
    assert after == before and newest_after == newest  # not one write
    summary = read(tmp_path / "pc-2" / "allure-results")
    assert summary is not None and list(summary.not_tested) == ["FaceStation F2"]
    assert summary.owned == ["FaceStationF2"] and summary.results["FaceStationF2"].keys() == {
        "skipped: infrastructure"
    }


# -- the nightly workflows --------------------------------------------------------------------------------


def test_the_nightly_shards_own_every_terminal_once_and_one_job_merges_them() -> None:
    workflows = ROOT / ".github" / "workflows"
    nightly = yaml.safe_load((workflows / "nightly.yml").read_text())
    job = nightly["jobs"]["shard"]
    shards = job["strategy"]["matrix"]["shard"]
    [run] = [s["run"] for s in job["steps"] if "run" in s]
    size = int(re.search(r"--sim-terminals (\d+)", run)[1])  # type: ignore[index]
    terminals = [Terminal(s.name, s.ip, s.port, s.model.name, s.device_id) for s in fleet(size)]
    chosen = [re.search(r"--terminals (\S+)", run.replace("${{ matrix.shard }}", str(k)))[1] for k in shards]  # type: ignore[index]
    owned = [select(terminals, [part]) for part in chosen]
    assert sorted(t.name for s in owned for t in s.terminals) == sorted(t.name for t in terminals)
    assert [s.findface for s in owned].count(True) == 1
    assert all(
        len({t.model for t in s.terminals}) == 1 and len(s.terminals) == 2 for s in owned
    )  # a model each
    [upload] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert upload["if"] == "always()" and "reports/allure-results/" in upload["with"]["path"]
    report = yaml.safe_load((workflows / "report.yml").read_text())
    steps = report["jobs"]["report"]["steps"]
    [download] = [s for s in steps if s.get("uses", "").startswith("actions/download-artifact")]
    [build] = [s["run"] for s in steps if "run" in s]
    # An artifact of reports/allure-results/ and reports/junit.xml unpacks as <name>/allure-results/.
    results = f"{download['with']['path']}/*/allure-results"
    assert build == f'make report RESULTS="{results}" EXPECT="${{{{ inputs.shards }}}}"'
    caller = nightly["jobs"]["report"]
    assert caller["uses"] == "./.github/workflows/report.yml" and "!cancelled()" in caller["if"]
    names = [upload["with"]["name"].replace("${{ matrix.shard }}", str(k)) for k in shards]
    assert all(fnmatch(name, caller["with"]["results"]) for name in names)  # what the merge downloads
    assert caller["with"]["shards"].split() == [shard.default_name([part]) for part in chosen]  # expected
    lab = yaml.safe_load((workflows / "lab-nightly.yml").read_text())
    bench = lab["jobs"]["bench"]
    assert bench["runs-on"] == ["self-hosted", "${{ matrix.bench }}"]
    [lab_run] = [s["run"] for s in bench["steps"] if "run" in s]
    assert "--target lab --operator none --shard '${{ matrix.bench }}'" in lab_run
    [lab_upload] = [s for s in bench["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    lab_caller = lab["jobs"]["report"]
    assert fnmatch(
        lab_upload["with"]["name"].replace("${{ matrix.bench }}", "bench-1"), lab_caller["with"]["results"]
    )
    assert lab_caller["with"]["shards"] == "${{ join(fromJSON(vars.LAB_BENCHES), ' ') }}"
    assert lab_caller["with"]["history"] != caller["with"]["history"]  # a lab's trend is its own
