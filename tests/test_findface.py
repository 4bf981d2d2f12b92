"""The simulated FindFace server (endpoints, permissions, pagination, the blocklist, error shapes,
malformed requests), the client (secrecy, pages, undocumented error bodies), the capability
table and the accounts. The scenarios against servers started apart: tests/test_findface_lab.py."""

from __future__ import annotations

import base64
import datetime as dt
import os
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from biohil.common.secret import Secret
from biohil.findface import accounts, authtypes
from biohil.findface.client import FindFaceClient, FindFaceError, FindFaceUnavailable, basic
from biohil.findface.simulator import FindFaceSimulator, Options, User, face_video
from biohil.findface.target import read_facts
from biohil.verdict import Cause, cause_of

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = Secret("correct horse battery staple")


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[FindFaceSimulator]:
    users = [
        User(1, "admin", PASSWORD.reveal(), "Admin", is_admin=True),
        User(2, "ann", "pw-ann", "Ann", all_own_sessions=True),
        User(3, "bob", "pw-bob", "Bob"),
    ]
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


def test_sessions_and_permissions(client: FindFaceClient, sim: FindFaceSimulator) -> None:
    """Administrator: every session; all_own_sessions (ann): all of hers; anyone else (bob): the
    current one. A session one may not see is refused (403) and stays."""
    admin = client.login(basic("admin", PASSWORD), "a").token
    ann_one = client.login(basic("ann", Secret("pw-ann")), "ann-1").token
    ann_two = client.login(basic("ann", Secret("pw-ann")), "ann-2").token
    bob_one = client.login(basic("bob", Secret("pw-bob")), "bob-1").token
    bob_two = client.login(basic("bob", Secret("pw-bob")), "bob-2").token
    assert admin and ann_one and ann_two and bob_one and bob_two

    def uuids(token: Secret, **params: str | int | list[str]) -> set[str]:
        return {s["uuid"] for page in client.session_pages(token, params) for s in page}

    assert uuids(ann_two) == {"ann-1", "ann-2"}
    assert uuids(bob_two) == {"bob-2"}
    assert uuids(admin) == {"a", "ann-1", "ann-2", "bob-1", "bob-2"}
    assert uuids(admin, uuid_in=["ann-1", "bob-2"]) == {"ann-1", "bob-2"}
    assert uuids(admin, user_name_in="bob") == {"bob-1", "bob-2"}
    ids = {s["uuid"]: s["id"] for page in client.session_pages(admin, {}) for s in page}
    assert _error(client.delete_session(ann_two, ids["a"])) == (403, "PERMISSION_DENIED", None)
    assert _error(client.delete_session(bob_two, ids["bob-1"])) == (403, "PERMISSION_DENIED", None)
    assert _error(client.session(bob_two, ids["bob-1"]))[0] == 403
    assert client.session(bob_one, ids["bob-1"]).body["uuid"] == "bob-1"
    assert _error(client.delete_session(ann_two, "abc123")) == (404, "NOT_FOUND", None)
    assert client.delete_session(ann_two, ids["ann-1"]).status == 204
    assert client.me(ann_one).status == 401 and client.me(ann_two).status == 200
    assert client.delete_session(admin, ids["bob-1"]).status == 204
    assert [(a.action, a.actor_uuid, a.target_uuid) for a in sim.state.audit] == [
        ("delete_session", "ann-2", "ann-1"),
        ("delete_session", "a", "bob-1"),
    ]


def test_the_session_list_pages_by_cursor_and_stays_whole_while_sessions_come_and_go(
    client: FindFaceClient,
) -> None:
    admin = client.login(basic("admin", PASSWORD), "a").token
    assert admin
    for i in range(5):
        client.login(basic("ann", Secret("pw-ann")), f"ann-{i}")
    first = client.sessions(admin, {"user_name_in": "ann", "limit": 2})
    assert [s["uuid"] for s in first.body["results"]] == ["ann-0", "ann-1"]
    assert first.body["next_page"].startswith("https://127.0.0.1:") and "page=" in first.body["next_page"]
    client.login(basic("ann", Secret("pw-ann")), "ann-5")  # a newer session while the list is read
    pages = client.session_pages(admin, {"user_name_in": "ann", "limit": 2})
    assert [[s["uuid"] for s in page] for page in pages] == [
        ["ann-0", "ann-1"],
        ["ann-2", "ann-3"],
        ["ann-4", "ann-5"],
    ]
    newest = client.sessions(admin, {"user_name_in": "ann", "ordering": "-created", "limit": 1})
    assert newest.body["results"][0]["uuid"] == "ann-5"
    assert _error(client.sessions(admin, {"ordering": "password"})) == (400, "BAD_PARAM", "ordering")
    assert _error(client.sessions(admin, {"limit": 0})) == (400, "BAD_PARAM", "limit")
    for cursor in ("!!!", "WzFd"):  # not base64 JSON; JSON [1], no sort key the server gave
        assert _error(client.sessions(admin, {"page": cursor})) == (400, "BAD_PARAM", "page")


def test_blocking_a_device_ends_its_sessions_and_its_logins_until_unblocked(client: FindFaceClient) -> None:
    admin = client.login(basic("admin", PASSWORD), "a").token
    ann = client.login(basic("ann", Secret("pw-ann")), "ann-phone").token
    assert admin and ann
    until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    assert _error(client.block_device(ann, "a", "no", until)) == (403, "PERMISSION_DENIED", None)
    block = client.block_device(admin, "ann-phone", "lost phone", until)
    assert block.status == 201 and block.body["uuid"] == "ann-phone" and block.body["reason"] == "lost phone"
    assert client.me(ann).status == 401
    assert client.login(basic("ann", Secret("pw-ann")), "ann-phone").status == 401
    assert client.unblock_device(admin, block.body["id"]).status == 204
    assert client.login(basic("ann", Secret("pw-ann")), "ann-phone").status == 200


def test_only_the_documented_token_scheme_is_accepted(client: FindFaceClient) -> None:
    token = client.login(basic("admin", PASSWORD), "dev").token
    assert token
    assert client.request("GET", "/users/me/", Secret("Token " + token.reveal())).status == 200
    assert client.request("GET", "/users/me/", Secret("token " + token.reveal())).status == 401
    assert client.request("GET", "/users/me/", Secret("Bearer " + token.reveal())).status == 401


def test_an_expired_token_is_refused_and_ended(client: FindFaceClient, sim: FindFaceSimulator) -> None:
    token = client.login(basic("admin", PASSWORD), "dev").token
    assert token
    sim.state.expire_now(token.reveal())
    assert _error(client.me(token)) == (401, "UNAUTHORIZED", None)
    assert token.reveal() not in sim.state.by_token


def test_a_dropped_connection_is_infrastructure_and_names_no_secret(tmp_path: Path) -> None:
    users = [User(1, "admin", PASSWORD.reveal(), "Admin")]
    with FindFaceSimulator(users, options=Options(drop_paths=frozenset({"/users/me/"}))) as server:
        c = FindFaceClient(server.base_url)
        token = c.login(basic("admin", PASSWORD), "dev").token
        assert token
        with pytest.raises(FindFaceUnavailable, match="RemoteProtocolError") as info:
            c.me(token)
        assert cause_of(info.value) is Cause.INFRASTRUCTURE and token.reveal() not in str(info.value)
        assert c.exchanges.since(0)[-1].status is None  # the report says: no answer
        assert c.logout(token).status == 204  # the server still serves everything else
        c.close()


@pytest.mark.parametrize("auth_type", ["face", "face_or_password", "face_and_password", "password"])
def test_face_login_per_auth_type(tmp_path: Path, auth_type: str) -> None:
    users = [User(1, "admin", PASSWORD.reveal(), "Admin", is_admin=True), User(2, "ann", "pw-ann", "Ann")]
    with FindFaceSimulator(users, auth_type) as server:
        client = FindFaceClient(server.base_url)
        assert client.config().body["auth"]["AUTH_TYPE"] == auth_type
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
        renewal = client.renew(face.token, face_video("admin")) if face.token else None
        if auth_type in ("face", "face_or_password"):
            assert renewal is not None and renewal.status == 200 and renewal.token is None
        client.close()


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


def test_scenarios_run_where_their_login_is_documented() -> None:
    assert authtypes.types_for({"findface"}) == authtypes.AUTH_TYPES  # no login asked for: every type
    assert authtypes.types_for({"password_login"}) == ("password", "face_or_password")
    assert authtypes.types_for({"face_login"}) == ("face", "face_or_password", "face_and_password")
    assert authtypes.types_for({"face_alone"}) == ("face", "face_or_password")
    assert authtypes.types_for({"password_login", "face_alone"}) == ("face_or_password",)
    assert authtypes.unsupported({"password_login"}, "face_or_password") is None
    assert authtypes.unsupported({"password_login"}, "face") == (
        "the FindFace server uses face authentication; the scenario needs password login, "
        "documented for password, face_or_password"
    )


def test_accounts_come_in_pairs_from_the_environment() -> None:
    env = {
        "BIOHIL_FINDFACE_USER": "qa",
        "BIOHIL_FINDFACE_PASSWORD": "pw",
        "BIOHIL_FINDFACE_ADMIN_USER": "boss",
    }
    with pytest.raises(accounts.AccountError, match=r"\$BIOHIL_FINDFACE_ADMIN_PASSWORD"):
        accounts.from_environment(env)
    del env["BIOHIL_FINDFACE_ADMIN_USER"]
    found = accounts.from_environment(env)
    assert list(found) == [accounts.API] and "pw" not in repr(found)
    with pytest.raises(accounts.AccountError, match="the API user"):
        accounts.from_environment({})
    assert accounts.needs(accounts.ADMIN) == (
        "needs an administrator: set $BIOHIL_FINDFACE_ADMIN_USER and $BIOHIL_FINDFACE_ADMIN_PASSWORD"
    )


def test_the_lab_findface_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from biohil.lab.config import LabConfigError, load

    monkeypatch.setenv("BIOHIL_FINDFACE_USER", "qa")
    monkeypatch.setenv("BIOHIL_FINDFACE_PASSWORD", "pw")
    path = tmp_path / "lab.toml"
    path.write_text('[findface]\nbase_url = "https://ff.lab"\n')
    ff = load(path).findface
    assert ff is not None and not ff.strict_observed and ff.clock_skew == 5.0  # documented defaults
    path.write_text('[findface]\nbase_url = "https://ff.lab"\nstrict_observed = true\nclock_skew = 30\n')
    ff = load(path).findface
    assert ff is not None and ff.strict_observed and ff.clock_skew == 30.0
    path.write_text('[findface]\nbase_url = "https://ff.lab"\nclock_skew = -1\n')
    with pytest.raises(LabConfigError, match=r"findface\.clock_skew must be 0\.\.3600 seconds, not -1$"):
        load(path)


def test_the_client_takes_undocumented_error_bodies_and_refuses_endless_pages(tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Odd(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.startswith("/users/me/"):
                body, kind, status = b"Unauthorized", "text/plain", 401
            elif self.path.startswith("/config.json"):  # not a FindFace API root
                body, kind, status = b"<html>Not Found</html>", "text/html", 404
            else:  # a session list whose next_page always points to itself
                body = b'{"next_page": "http://elsewhere/sessions/?page=1", "results": []}'
                kind, status = "application/json", 200
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Odd)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    c = FindFaceClient(f"http://127.0.0.1:{server.server_port}")
    try:
        assert c.me(Secret("t")).status == 401  # FindFace documents no 401 body: the status is the answer
        with pytest.raises(FindFaceError, match="the same next_page twice") as endless:
            c.session_pages(Secret("t"), {})
        assert cause_of(endless.value) is Cause.PRODUCT  # the server broke its documented list
        with pytest.raises(FindFaceError, match=r"GET /config.json answered Reply\(404\)") as no_config:
            read_facts(c)
        assert cause_of(no_config.value) is Cause.INFRASTRUCTURE  # the lab's base_url, not the product
    finally:
        c.close()
        server.shutdown()


def test_the_authorization_value_is_never_a_plain_local_or_attribute(client: FindFaceClient) -> None:
    import httpx

    from biohil.findface.client import _Authorization

    auth = _Authorization(basic("admin", PASSWORD))
    request = httpx.Request("GET", "https://x/users/me/")
    sent = next(auth.auth_flow(request))
    assert "Basic " in sent.headers["Authorization"]  # on the wire
    shown = repr(auth) + repr(vars(auth)) + repr(sent.headers)
    assert PASSWORD.reveal() not in shown and base64.b64encode(b"admin:").decode() not in shown
