"""The morning report: what the suite writes for Allure (labels, categories' cause, attachments,
environment, no secrets), and the HTML report built from it, looked at in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from biohil.client import Gateway
from biohil.findface.exchanges import MASK, Exchange, body_text, masked, render, scheme_only
from biohil.gsdk import finger_pb2, user_pb2
from biohil.report import environment, offline
from biohil.report.calls import CallRecorder, masked_bytes, summarize
from biohil.report.eventlog import LogShare
from biohil.report.labels import severity
from biohil.simcontrol import control_pb2, control_pb2_grpc
from biohil.simulator import Simulator
from biohil.simulator.models import DEFAULT_DEVICES, FLEET_MODELS
from tests.labrun import run_suite
from tests.reporting import CHROMIUM, FLAGS, build_report, needs_browser
from tests.sharedrun import shared_run

ROOT = Path(__file__).resolve().parents[1]

# -- the pieces ----------------------------------------------------------------------------------------


def test_call_summaries_show_bytes_as_size_and_hash_never_the_bytes() -> None:
    template = bytes(range(256)) * 2
    user = user_pb2.UserInfo(
        hdr=user_pb2.UserHdr(ID="900001"),
        PIN=b"\x01\x02secret-pin-hash",
        fingers=[finger_pb2.FingerData(index=0, templates=[template, template])],
    )
    text = summarize(user_pb2.EnrollRequest(deviceID=7, users=[user]), limit=1000)
    assert 'ID: "900001"' in text and "deviceID: 7" in text
    assert masked_bytes(template) in text and "<512 bytes #" in text
    assert masked_bytes(b"\x01\x02secret-pin-hash") in text
    assert "secret-pin-hash" not in text and "\\x01" not in text
    assert len(summarize(user_pb2.EnrollRequest(users=[user] * 50), limit=80)) == 80


def test_the_recorder_keeps_every_call_with_its_status(sim: Simulator) -> None:
    recorder = CallRecorder(kept=3)
    gateway = Gateway.open(sim.address, sim.ca_file, interceptors=[recorder])
    try:
        mark = recorder.mark()
        gateway.device_list()
        control: Any = control_pb2_grpc.ControlStub(gateway.channel)
        control.InjectFault(control_pb2.InjectFaultRequest(method="Connect/GetDeviceList", count=1, code=5))
        with pytest.raises(Exception, match="NOT_FOUND"):
            gateway.device_list()
        calls = recorder.since(mark)
        assert [(c.method, c.status) for c in calls] == [
            ("Connect.GetDeviceList", "OK"),
            ("Control.InjectFault", "OK"),
            ("Connect.GetDeviceList", "NOT_FOUND"),
        ]
        assert calls[0].seconds >= 0 and "UNAVAILABLE" not in calls[2].answer
        terminal = DEFAULT_DEVICES[0]
        gateway.connect(terminal.ip, terminal.port)
        connect = recorder.since(mark)[-1]
        assert connect.request == f'connectInfo: {{IPAddr: "{terminal.ip}" port: {terminal.port}}}'
        assert connect.answer == f"deviceID: {terminal.device_id}"
        gateway.disconnect(terminal.device_id)
        gateway.device_list()  # a fourth call: the oldest drops out, the mark still holds
        assert [c.method for c in recorder.since(mark)][-1] == "Connect.GetDeviceList"
        assert len(recorder.since(mark)) == 3 and recorder.since(recorder.mark()) == []  # kept=3
    finally:
        gateway.close()


@pytest.mark.parametrize(
    ("tags", "then", "expected"),
    [
        (set(), ['the terminal logs "verify success" with sub-code 0x06 for the test user'], "normal"),
        (set(), ["the terminal refuses the card as unregistered"], "critical"),
        (
            set(),
            ['the terminal logs "authentication failure" with sub-code 0x03 for the test user'],
            "critical",
        ),
        (set(), ['the server answers 401 "UNAUTHORIZED"'], "critical"),
        ({"gsdk", "minor"}, ["the terminal refuses the card as unregistered"], "minor"),
        ({"normal", "blocker"}, [], "blocker"),
    ],
)
def test_severity_from_tags_else_critical_for_a_refusal(
    tags: set[str], then: list[str], expected: str
) -> None:
    assert severity(tags, then) == expected


def test_findface_exchanges_mask_secrets_and_leave_out_other_people() -> None:
    assert scheme_only("Basic cWEtYXBpOnNlY3JldA==") == f"Basic {MASK}"
    assert scheme_only("Token abc123") == f"Token {MASK}" and scheme_only(None) == ""
    body = {"uuid": "biohil-1", "video_auth_token": "tok", "device_info": {"client": "x"}}
    assert masked(body) == {"uuid": "biohil-1", "video_auth_token": MASK}
    sessions = {"next_page": None, "results": [{"id": i, "user__username": "ann"} for i in range(8)]}
    assert masked(sessions) == {"next_page": None, "results": "8 items (not kept)"}
    user = {"name": "qa-api", "real_name": "Ann Example", "groups": list(range(8)), "token": "t"}
    assert masked(user) == {"name": "qa-api", "groups": [0, 1, 2, 3, 4, "... 3 more"], "token": MASK}
    sent = body_text({"password": "pw"}, {"uuid": "u"}, {"video": ("face.mp4", b"1234", "video/mp4")})
    assert "pw" not in sent and "file video: 4 bytes" in sent
    text = render([Exchange(0.0, "POST", "/auth/login/", "Basic ***", sent, 200, "{}", 0.01)])
    assert "POST /auth/login/\nAuthorization: Basic ***" in text and "-> 200 in 10 ms" in text


def test_the_log_share_reads_as_a_table_and_says_when_it_could_not_be_read() -> None:
    from biohil.gsdk import event_pb2

    events = [
        event_pb2.EventLog(ID=5, timestamp=0, deviceID=7, userID="900001", eventCode=0x1000, subCode=0x06),
        event_pb2.EventLog(ID=6, timestamp=1, deviceID=7, eventCode=0x2400, subCode=0x01),
    ]
    rows = LogShare("BioStation 2 7", 5, events).table().splitlines()
    assert rows[0] == "ID,time (UTC),event,sub-code,meaning,user,device"
    assert rows[1].startswith(
        "5,1970-01-01 00:00:00,VERIFY_SUCCESS (0x1000),0x06,granted to user 900001 by card"
    )
    assert rows[2] == "6,1970-01-01 00:00:01,USER_DELETE_SUCCESS (0x2400),0x01,,,7"
    failed = LogShare("BioStation 2 7", 9, error="Event.GetLog failed: UNAVAILABLE").table()
    assert "the log from #9 could not be read: Event.GetLog failed: UNAVAILABLE" in failed
    assert "no record from #9 on" in LogShare("x", 9).table()


def test_environment_properties_escape_keys() -> None:
    text = environment.properties({"terminal F2 at door": "FaceStation F2, a=b", "x:y": "1\n2"})
    assert text == "terminal\\ F2\\ at\\ door=FaceStation F2, a=b\nx\\:y=1 2\n"


def test_the_nightly_workflows_run_make_targets_only() -> None:
    workflows = ROOT / ".github" / "workflows"
    runs: list[str] = []
    for path in sorted(workflows.glob("*.yml")):
        workflow = yaml.safe_load(path.read_text())
        if path.name != "report.yml":  # called by the others
            triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
            assert "schedule" in triggers and "workflow_dispatch" in triggers, path.name
        for name, job in workflow["jobs"].items():
            steps = job.get("steps", [])
            runs += [s["run"] for s in steps if "run" in s]
            uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
            assert all(s.get("if") == "always()" for s in uploads), (path.name, name)
    assert runs and all(re.fullmatch(r"make [a-z-]+( [A-Z]+=.*)?", run) for run in runs), runs
    assert {run.split()[1] for run in runs} == {"suite", "report", "lab-run"}
    readme = (ROOT / "README.md").read_text()
    assert all(f"`{path.name}`" in readme for path in workflows.glob("*.yml"))
    assert "make lab-run" in readme and 'make report RESULTS="reports/shards/*/allure-results"' in readme


# -- a small suite run, and its report in a browser ---------------------------------------------------------

SMALL = "captured_credential or deleted_users_card or connect_a_terminal or log_in_with_basic"
PLANTED = "auth.unknown_card_subcode"  # an unregistered card logged as an unknown user ID
FAULTED = "test_a_captured_credential_lets_the_user_in[BioStation2-card]"


def _suite(results: Path) -> subprocess.CompletedProcess[str]:
    """The small suite with a planted firmware bug, and one User.Enroll answered UNAVAILABLE."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT / "tests")]),
        "BIOHIL_MUTANT": PLANTED,
        "BIOHIL_TEST_FAULT": f"{FAULTED}=User/Enroll",
    }
    args = ["-p", "mutants", "-p", "fault_once", f"--alluredir={results}", "-p", "no:cacheprovider"]
    return run_suite(["-m", "pytest", *args, "-q", "-k", SMALL], timeout=600, env=env)


@pytest.fixture
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small run's folder: made once per session (tests/sharedrun.py), read by several tests."""
    where, run = shared_run(tmp_path_factory, "small", lambda f: _suite(f / "allure-results"))
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-2000:]
    return where


def _results(where: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in (where / "allure-results").glob("*-result.json")]


def _labels(doc: dict[str, Any]) -> dict[str, str]:
    return {label["name"]: label["value"] for label in doc["labels"]}


@pytest.mark.long
def test_results_name_the_terminal_and_the_cause(small: Path) -> None:
    docs = _results(small)
    by_cause: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for doc in docs:
        labels = _labels(doc)
        assert not {"host", "thread"} & labels.keys(), doc["name"]
        assert labels["severity"] in ("blocker", "critical", "normal"), doc["name"]
        if labels["epic"] == "G-SDK":
            assert doc["name"].endswith(f"{labels['terminal']} · firmware {labels['firmware']}")
            assert labels["terminal"] == f"{labels['model']} {labels['device_id']}"
            assert labels["firmware"] in {m.firmware for m, _ in FLEET_MODELS}, labels["firmware"]
            assert [a for a in doc["attachments"] if a["name"].startswith("event log of ")], doc["name"]
        else:  # one result per simulated authentication type that offers the scenario's login
            assert labels["terminal"].startswith("FindFace https://127.0.0.1:")
            assert re.search(r" · (password|face_or_password) authentication$", doc["name"]), doc["name"]
        for step in doc["steps"]:
            assert all("(" not in p["value"] for p in step.get("parameters", [])), step  # no fixture reprs
        if doc["status"] != "passed":
            by_cause.setdefault((labels["cause"], labels["reason"]), []).append(doc)
    product = by_cause.pop(("product", "Unexpected"))  # the library's expectation on the stream
    assert sorted(_labels(d)["terminal"] for d in product) == [
        "BioStation 2 546830001",
        "FaceStation F2 541530001",
    ]
    (infra,) = by_cause.pop(("infrastructure", "User.Enroll: UNAVAILABLE"))
    assert by_cause == {}
    for doc in [*product, infra]:  # a failure brings its calls and what each stream delivered
        names = {a["name"] for a in doc["attachments"]}
        assert "G-SDK calls" in names, names
    assert any(
        n.startswith("events streamed: ") for d in product for n in {a["name"] for a in d["attachments"]}
    )
    trace = product[0]["statusDetails"]["trace"]
    where = re.findall(r"^(\S+\.py):\d+", trace, re.MULTILINE)  # each frame's file, outermost first
    assert where[0].startswith("steps/") and "_pytest" not in trace and "pytest_bdd" not in trace, trace
    env = (small / "allure-results" / "environment.properties").read_text()
    assert "results=10 scenario results: 7 passed, 2 failed: product, 1 failed: infrastructure\n" in env, env
    assert "firmware 1.11.0" in env and "git\\ commit=" in env


@pytest.mark.long
@needs_browser
def test_the_report_in_a_browser(small: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    history = tmp_path / "history.jsonl"  # the shared run's folder is only read
    build_report(small / "allure-results", tmp_path / "report-1", history)
    rerun = tmp_path / "second"
    assert _suite(rerun / "allure-results").returncode == 1
    build_report(rerun / "allure-results", tmp_path / "report-2", history)
    assert len(history.read_text().splitlines()) == 2
    page_file = tmp_path / "report-2" / "index.html"
    assert sorted(p.name for p in page_file.parent.iterdir())[0] == "index.html"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        page.set_default_timeout(120_000)  # a 2-core machine busy with other tests renders slowly
        trouble: list[str] = []  # the page opens from disk with nothing failing and nothing fetched
        page.on("requestfailed", lambda r: trouble.append(f"{r.url[:120]}: {r.failure}"))
        page.on("console", lambda m: trouble.append(m.text[:300]) if m.type == "error" else None)
        page.on("pageerror", lambda e: trouble.append(str(e)[:300]))
        page.goto(page_file.as_uri())
        page.get_by_text("Metadata").wait_for()
        overview = page.inner_text("body")
        assert "10 scenario results: 7 passed, 2 failed: product, 1 failed: infrastructure" in overview
        assert "Global Attachments" in overview
        # the tree: G-SDK > feature > terminal
        page.get_by_text("Credential enrollment", exact=False).first.wait_for()
        assert page.get_by_text("BioStation 2 546830001", exact=True).count() >= 1
        # categories: the planted bug in one product group, the fault in an infrastructure group
        page.goto(page_file.as_uri() + "#categories")
        page.get_by_text("User.Enroll: UNAVAILABLE", exact=False).first.wait_for()
        categories = page.inner_text("body")
        product = categories.index("Product defect: the terminal or server decided or reported wrongly\n2\n")
        assert product < categories.index(
            "Infrastructure: gateway, link, TLS, lock or a terminal not restored\n1\n"
        )
        page.get_by_text("A deleted user's card is refused · BioStation 2").first.click()
        page.get_by_text("Category: Product defect", exact=False).wait_for()
        assert "expected VERIFY_FAIL (0x1100/0x02)" in page.inner_text("body")
        page.get_by_text("Attachments").first.click()
        page.get_by_text("event log of BioStation 2 546830001").wait_for()
        page.get_by_text("History").first.click()  # the night before: one earlier run of this scenario
        page.get_by_text(re.compile(r"^\d+/\d+/\d{4} at \d\d:\d\d:\d\d$")).first.wait_for()
        page.screenshot(path=str(tmp_path / "failed.png"))
        browser.close()
    assert trouble == []


# Counts the app's reads of the flag it polls while it waits for the page's embedded data.
_COUNT_WAITS = """(() => {
  let ready; window.biohilWaits = 0;
  Object.defineProperty(window, "allureReportDataReady", {
    configurable: true, get() { window.biohilWaits++; return ready; }, set(v) { ready = v; } });
})()"""


@pytest.mark.long
@needs_browser
def test_the_report_waits_for_its_data_however_late_it_arrives(small: Path, tmp_path: Path) -> None:
    """The race Allure's single-file page loses now and then, made certain: the page's end (its
    data) is held back until the app has started, then sent. The app must wait for it, not fetch."""
    from playwright.sync_api import sync_playwright

    built = build_report(small / "allure-results", tmp_path / "report", tmp_path / "history.jsonl")
    html = built.read_bytes()
    # Allure's scripts that declare and fill the data store, the page's last, are held back.
    cut = html.rindex(b"<script", 0, html.rindex(offline.DATA_SCRIPT.encode()))
    release, asked = threading.Event(), []

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/index.html":  # the app looked for its data outside the page
                asked.append(self.path)
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html[:cut])
            self.wfile.flush()
            release.wait(300)
            self.wfile.write(html[cut:])

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.set_default_timeout(120_000)
            page.add_init_script(_COUNT_WAITS)
            page.goto(f"http://127.0.0.1:{server.server_port}/index.html", wait_until="commit")
            page.wait_for_function(  # the app is waiting, or it went looking
                "window.biohilWaits > 0 || performance.getEntriesByType('resource')"
                ".some(e => e.name.includes('/widgets/'))"
            )
            assert asked == [], "the app fetched its data instead of waiting for the page's end"
            release.set()
            page.get_by_text("Metadata").wait_for()
            assert "10 scenario results: 7 passed" in page.inner_text("body")
            browser.close()
    finally:
        release.set()
        server.shutdown()
        server.server_close()
    assert asked == []


def test_the_offline_rewrite_refuses_a_page_it_does_not_know(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<html><head></head><body><script src=app.js></script></body></html>")
    with pytest.raises(offline.UnknownPage, match=r"is singleFile still true in allurerc\.mjs"):
        offline.make_offline(page)
    assert "biohil" not in page.read_text()
