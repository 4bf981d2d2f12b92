"""The simulated FindFace server (endpoints, error shapes, malformed requests), the client's
secrecy, and the FindFace scenarios against a separately started server, with nothing secret
left in the reports."""

from __future__ import annotations

import base64
import os
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from biohil.findface.client import FindFaceClient, FindFaceError, basic
from biohil.findface.secret import Secret
from biohil.findface.simulator import FindFaceSimulator, Options, User, face_video
from tests.reporting import build_report

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = Secret("correct horse battery staple")


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[FindFaceSimulator]:
    users = [User(1, "admin", PASSWORD.reveal(), "Admin", is_admin=True), User(2, "ann", "pw-ann", "Ann")]
    with FindFaceSimulator(users, tls_dir=tmp_path / "tls") as server:
        yield server


@pytest.fixture
def client(sim: FindFaceSimulator) -> Iterator[FindFaceClient]:
    c = FindFaceClient(sim.base_url, sim.ca_file or True)
    yield c
    c.close()


def _error(reply: object) -> tuple[int, str | None, str | None]:
    r = reply
    return r.status, r.body.get("code"), r.body.get("param")  # type: ignore[attr-defined]


def test_login_me_logout(client: FindFaceClient) -> None:
    login = client.login(basic("admin", PASSWORD), "dev-1")
    assert login.status == 200 and login.token and len(login.token.reveal()) == 64
    assert set(login.body) == {"user", "token_expiration_datetime"}  # the token was taken out
    assert login.body["user"]["name"] == "admin" and login.body["user"]["has_face"] is True
    assert client.me(login.token).body["name"] == "admin"
    assert client.logout(login.token).status == 204
    assert _error(client.me(login.token)) == (401, "UNAUTHORIZED", None)


def test_error_bodies_have_the_documented_shape(client: FindFaceClient) -> None:
    missing = client.login(basic("admin", PASSWORD), None)
    assert missing.body == {
        "traceback": "",
        "code": "BAD_PARAM",
        "desc": "This field is required.",
        "param": "uuid",
    }
    no_auth = client.me(None)
    assert no_auth.body == {
        "traceback": "",
        "code": "UNAUTHORIZED",
        "desc": "Authentication credentials were not provided.",
    }
    assert client.login(basic("admin", Secret("nope")), "x").body["desc"] == "Invalid username/password."


def test_credentials_are_checked_before_the_body_unless_configured(tmp_path: Path) -> None:
    users = [User(1, "admin", "pw", "Admin")]
    for first, expected in ((True, 401), (False, 400)):
        with FindFaceSimulator(users, options=Options(check_credentials_first=first)) as server:
            c = FindFaceClient(server.base_url)
            assert c.login(basic("admin", Secret("bad")), None).status == expected
            c.close()


def test_sessions_and_permissions(client: FindFaceClient) -> None:
    admin = client.login(basic("admin", PASSWORD), "a").token
    ann_one = client.login(basic("ann", Secret("pw-ann")), "ann-1").token
    ann_two = client.login(basic("ann", Secret("pw-ann")), "ann-2").token
    assert admin and ann_one and ann_two
    seen_by_ann = client.sessions(ann_two).body["results"]
    assert {s["uuid"] for s in seen_by_ann} == {"ann-1", "ann-2"}  # only her own
    assert {"a", "ann-1", "ann-2"} <= {s["uuid"] for s in client.sessions(admin).body["results"]}
    admin_session = next(s["id"] for s in client.sessions(admin).body["results"] if s["uuid"] == "a")
    assert _error(client.delete_session(ann_two, admin_session)) == (403, "PERMISSION_DENIED", None)
    assert _error(client.delete_session(ann_two, "abc123")) == (404, "NOT_FOUND", None)
    first = next(s["id"] for s in seen_by_ann if s["uuid"] == "ann-1")
    assert client.delete_session(ann_two, first).status == 204
    assert client.me(ann_one).status == 401 and client.me(ann_two).status == 200


@pytest.mark.parametrize("auth_type", ["face", "face_or_password", "face_and_password", "password"])
def test_face_login_per_auth_type(client: FindFaceClient, sim: FindFaceSimulator, auth_type: str) -> None:
    assert client.request("PUT", "/_simulator/auth-type", json={"auth_type": auth_type}).status == 200
    face = client.video_auth(face_video("admin"), "cam-1")
    password = client.login(basic("admin", PASSWORD), "pw-1")
    if auth_type == "password":
        assert face.status == 401 and password.status == 200
    elif auth_type == "face":
        assert client.me(face.token).status == 200 and password.status == 401
    elif auth_type == "face_or_password":
        assert client.me(face.token).status == 200 and client.me(password.token).status == 200
    else:
        assert _error(password) == (400, "BAD_PARAM", "video_auth_token")
        assert client.me(face.token).status == 401  # inactive until the password comes
        both = client.login(basic("admin", PASSWORD), "pw-2", video_auth_token=face.token)
        assert both.status == 200 and client.me(both.token).status == 200
        other = client.login(basic("ann", Secret("pw-ann")), "pw-3", video_auth_token=face.token)
        assert other.status == 401  # another user's face token
    assert _error(client.video_auth(b"some other face", "cam-2"))[0] == 401


MALFORMED = [
    ("bad JSON", "POST", "/auth/login/", {"Content-Type": "application/json"}, b"{not json", 400),
    ("a JSON list", "POST", "/auth/login/", {"Content-Type": "application/json"}, b"[1, 2]", 400),
    ("wrong content type", "POST", "/auth/login/", {"Content-Type": "text/plain"}, b"uuid=1", 415),
    ("huge body", "POST", "/auth/login/", {"Content-Type": "application/json"}, b" " * (2 << 20), 413),
    ("video not multipart", "POST", "/auth/video-auth/", {"Content-Type": "application/json"}, b"{}", 415),
    (
        "multipart without video",
        "POST",
        "/auth/video-auth/",
        {"Content-Type": "multipart/form-data; boundary=x"},
        b"--x--",
        400,
    ),
    ("unknown path", "GET", "/nope/", {}, b"", 404),
    ("wrong method", "DELETE", "/users/me/", {}, b"", 405),
]


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "status"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED]
)
def test_malformed_requests_get_a_4xx_and_the_server_keeps_serving(
    sim: FindFaceSimulator,
    client: FindFaceClient,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes,
    status: int,
) -> None:
    auth = {"Authorization": "Basic " + base64.b64encode(f"admin:{PASSWORD.reveal()}".encode()).decode()}
    with httpx.Client(
        base_url=sim.base_url, verify=ssl.create_default_context(cafile=str(sim.ca_file))
    ) as raw:
        answer = raw.request(method, path, headers={**auth, **headers}, content=body)
    assert answer.status_code == status
    assert answer.json()["code"]
    assert client.config().status == 200


def test_no_secret_in_reprs_or_errors(client: FindFaceClient) -> None:
    login = client.login(basic("admin", PASSWORD), "dev")
    assert login.token is not None
    for text in (repr(login), str(login.token), repr(login.token), repr(basic("admin", PASSWORD))):
        assert PASSWORD.reveal() not in text and login.token.reveal() not in text
    down = FindFaceClient("https://127.0.0.1:9")
    with pytest.raises(FindFaceError) as info:
        down.me(login.token)
    assert login.token.reveal() not in str(info.value)
    down.close()


def test_scenarios_against_a_separate_server_leave_no_secret_in_the_reports(tmp_path: Path) -> None:
    """The lab's [findface] table pointing at a server started outside the suite: every FindFace
    scenario passes, and neither the password nor any issued token is found under reports/."""
    password = "s3cret-" + os.urandom(6).hex()
    users = [User(1, "qa-lab", password, "QA lab user", is_admin=True)]
    video = tmp_path / "face.mp4"
    video.write_bytes(face_video("qa-lab"))
    with FindFaceSimulator(users, tls_dir=tmp_path / "tls") as server:
        config = tmp_path / "lab.toml"
        config.write_text(
            f'[findface]\nbase_url = "{server.base_url}"\nca_file = "{server.ca_file}"\nface_video = "{video}"\n'
        )
        reports = tmp_path / "reports"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--target",
                "lab",
                f"--lab-config={config}",
                "-m",
                "findface",
                f"--alluredir={reports / 'allure-results'}",
                "-p",
                "no:cacheprovider",
                "-q",
            ],
            cwd=ROOT,
            env={**os.environ, "BIOHIL_FINDFACE_USER": "qa-lab", "BIOHIL_FINDFACE_PASSWORD": password},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
        )
        tokens = server.state.issued_tokens()
    assert run.returncode == 0, run.stdout[-3000:]
    page = build_report(reports / "allure-results", reports / "allure-report", reports / "history.jsonl")
    assert page.stat().st_size > 100_000  # the single-file report, with the attachments inside
    exchanges = [p.read_text() for p in (reports / "allure-results").glob("*-attachment.txt")]
    assert any("POST /auth/login/\nAuthorization: Basic ***" in text for text in exchanges)
    assert "FindFace: 14 passed" in run.stdout
    issued = len(tokens)
    assert issued >= 5, f"only {issued} tokens were issued"
    basic_header = base64.b64encode(f"qa-lab:{password}".encode()).decode()
    secrets_ = [password, basic_header, *tokens]
    files = [p for p in reports.rglob("*") if p.is_file()]
    assert files, "the run wrote no report"
    for path in files:
        text = path.read_text(errors="replace")
        leaked = [s for s in secrets_ if s in text]
        assert not leaked, f"{path.name} holds a secret"
    assert not [s for s in secrets_ if s in run.stdout + run.stderr]


def test_a_garbled_request_head_gets_a_400(sim: FindFaceSimulator, client: FindFaceClient) -> None:
    host, port = sim.base_url.removeprefix("https://").rsplit(":", 1)
    context = ssl.create_default_context(cafile=str(sim.ca_file))
    with (
        socket.create_connection((host, int(port)), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        tls.sendall(b"POST /auth/logout/ HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")
        head = tls.recv(4096).decode()
    assert head.startswith("HTTP/1.1 400"), head
    assert client.config().status == 200


def test_the_standalone_server(tmp_path: Path) -> None:
    env = {**os.environ, "BIOHIL_FINDFACE_PASSWORD": PASSWORD.reveal()}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "biohil.findface",
            "--auth-type",
            "face_or_password",
            "--https",
            str(tmp_path),
        ],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        banner = proc.stdout.readline()
        url = banner.split()[3]
        assert (
            banner.startswith("FindFace simulator on https://127.0.0.1:")
            and "(face_or_password authentication)" in banner
        )
        assert proc.stdout.readline().startswith("CA certificate: ")
        c = FindFaceClient(url, tmp_path / "ca.crt")
        assert c.config().body["auth"]["AUTH_TYPE"] == "face_or_password"
        assert c.login(basic("admin", PASSWORD), "dev").status == 200
        c.close()
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0


def test_the_standalone_server_wants_the_password_in_the_environment() -> None:
    env = {k: v for k, v in os.environ.items() if k != "BIOHIL_FINDFACE_PASSWORD"}
    run = subprocess.run(
        [sys.executable, "-m", "biohil.findface"], env=env, capture_output=True, text=True, timeout=30
    )
    assert run.returncode == 2 and "set the API user's password in $BIOHIL_FINDFACE_PASSWORD" in run.stderr
