"""Steps about the FindFace Multi API authentication."""

from __future__ import annotations

import datetime as dt

from pytest_bdd import given, parsers, then, when

from biohil.findface.client import Reply, basic
from biohil.findface.secret import Secret
from biohil.verdict import NotApplicable
from fixtures.findface import ApiSession

DEVICES = ("first", "second")


def _logged_in(api: ApiSession, name: str, video_auth_token: Secret | None = None) -> Reply:
    reply = api.client.login(
        basic(api.target.username, api.target.password), api.new_uuid(), video_auth_token
    )
    if reply.token is not None:
        api.tokens[name] = reply.token
    api.reply = reply
    return reply


def _token(api: ApiSession, name: str) -> Secret:
    assert name in api.tokens, f"the scenario holds no token for the {name} device"
    return api.tokens[name]


@given(parsers.parse('the FindFace server uses "{auth_type}" authentication'))
def server_uses(api: ApiSession, auth_type: str) -> None:
    current = api.client.config().body["auth"]["AUTH_TYPE"]
    if current == auth_type:
        return
    switched = api.client.request("PUT", "/_simulator/auth-type", json={"auth_type": auth_type})
    if switched.status != 200:  # a real server is configured in its files, not through the API
        raise NotApplicable(
            f"the FindFace server uses {current} authentication; the scenario needs {auth_type}"
        )
    api.restore_auth_type = current


@given("the API user is logged in from a new device")
@when("the API user logs in from a new device")
def log_in(api: ApiSession) -> None:
    _logged_in(api, "the device")


@given("the API user is logged in from two devices")
def log_in_twice(api: ApiSession) -> None:
    for name in DEVICES:
        assert _logged_in(api, name).status == 200, f"login on the {name} device: {api.reply}"


@when("the API user logs in with a wrong password")
def log_in_wrong_password(api: ApiSession) -> None:
    wrong = Secret(api.target.password.reveal() + "-wrong")
    api.reply = api.client.login(basic(api.target.username, wrong), api.new_uuid())


@when(parsers.parse("the API user logs in and the device uuid is {uuid}"))
def log_in_with_uuid(api: ApiSession, uuid: str) -> None:
    value = {"missing": None, "empty": "", "257 characters long": "u" * 257}[uuid]
    api.reply = api.client.login(basic(api.target.username, api.target.password), value)


@then("the login succeeds with a token, the user and an expiry date")
def login_succeeds(api: ApiSession) -> None:
    reply = api.reply
    assert reply is not None and reply.status == 200, f"the login was answered {reply}"
    assert reply.token, "the login answer holds no token"
    assert reply.body.get("user", {}).get("name") == api.target.username, (
        "the login answer names another user"
    )
    assert "token_expiration_datetime" in reply.body, "the login answer has no expiry date"


@then("the expiry date is in the future, within the server's maximum session length")
def expiry_in_range(api: ApiSession) -> None:
    assert api.reply is not None
    longest = api.client.config().body["auth"]["MAXIMUM_SESSION_LENGTH"]
    now = dt.datetime.now(dt.UTC)
    expiry = api.reply.expiry
    assert now < expiry <= now + dt.timedelta(seconds=longest), (
        f"expiry {expiry.isoformat()} is not within {longest} s from now ({now.isoformat()})"
    )


@then("the login is refused")
def login_refused(api: ApiSession) -> None:
    reply = api.reply
    assert reply is not None and 400 <= reply.status < 500, f"the login was answered {reply}"
    assert reply.token is None, "a refused login handed out a token"


@when("the API user asks who they are with the token")
def who_with_token(api: ApiSession) -> None:
    api.reply = api.client.me(_token(api, "the device"))


@when("the API user asks who they are without credentials")
def who_without(api: ApiSession) -> None:
    api.reply = api.client.me(None)


@when("the API user asks who they are with an unknown token")
def who_unknown(api: ApiSession) -> None:
    api.reply = api.client.me(Secret("0" * 64))


@when("the API user asks who they are with a malformed token")
def who_malformed(api: ApiSession) -> None:
    api.reply = api.client.request("GET", "/users/me/", Secret("Token two parts"))


@then(parsers.parse("the server answers {status:d} with the same user"))
def answers_same_user(api: ApiSession, status: int) -> None:
    reply = api.reply
    assert reply is not None and reply.status == status, f"the server answered {reply}"
    assert reply.body.get("name") == api.target.username, f"the token belongs to {reply.body.get('name')!r}"


@then(parsers.parse('the server answers {status:d} "{code}" naming "{param}"'))
def answers_code_param(api: ApiSession, status: int, code: str, param: str) -> None:
    answers_code(api, status, code)
    named = api.reply.body.get("param") if api.reply is not None else None
    assert named == param, f"the error names {named!r}"


@then(parsers.parse('the server answers {status:d} "{code}"'))
def answers_code(api: ApiSession, status: int, code: str) -> None:
    reply = api.reply
    assert reply is not None and (reply.status, reply.code) == (status, code), f"the server answered {reply}"


@then(parsers.parse("the server answers {status:d}"))
def answers_status(api: ApiSession, status: int) -> None:
    assert api.reply is not None and api.reply.status == status, f"the server answered {api.reply}"


@when("the API user logs out on the first device")
def log_out_first(api: ApiSession) -> None:
    api.reply = api.client.logout(_token(api, "first"))


@then(parsers.parse('the {name} device\'s token is refused with {status:d} "{code}"'))
def token_refused(api: ApiSession, name: str, status: int, code: str) -> None:
    reply = api.client.me(_token(api, name))
    assert (reply.status, reply.code) == (status, code), f"the {name} device's token was answered {reply}"


@then(parsers.parse("the {name} device's token still works"))
def token_works(api: ApiSession, name: str) -> None:
    reply = api.client.me(_token(api, name))
    assert reply.status == 200, f"the {name} device's token was answered {reply}"


@when("the API user lists the sessions with the second device's token", target_fixture="session_list")
def list_sessions(api: ApiSession) -> list[dict[str, object]]:
    api.reply = api.client.sessions(_token(api, "second"))
    assert api.reply.status == 200, f"the session list was answered {api.reply}"
    return list(api.reply.body.get("results", []))


@then("the first device's session is in the list", target_fixture="first_session")
def first_in_list(api: ApiSession, session_list: list[dict[str, object]]) -> str:
    me = api.client.me(_token(api, "first"))
    assert me.status == 200
    mine = [s for s in session_list if s.get("user__username") == api.target.username]
    assert len(mine) >= 2, (
        f"the list holds {len(mine)} sessions of {api.target.username}, expected both devices"
    )
    # The first device logged in first: its session is the user's older one of the two.
    return str(sorted(mine, key=lambda s: str(s.get("created_date")))[-2]["id"])


@when("the API user deletes the first device's session with the second device's token")
def delete_first(api: ApiSession, first_session: str) -> None:
    api.reply = api.client.delete_session(_token(api, "second"), first_session)


@given("the API user has shown their face from a new device")
def shown_face(api: ApiSession) -> None:
    video = api.target.face_video
    if video is None:
        raise NotApplicable(
            "needs a video of the API user's face: set findface.face_video in the lab configuration"
        )
    reply = api.client.video_auth(video, api.new_uuid())
    assert reply.status == 200 and reply.token, f"the face authentication was answered {reply}"
    api.tokens["face"] = reply.token


@when("the API user asks who they are with the face token")
def who_with_face_token(api: ApiSession) -> None:
    api.reply = api.client.me(_token(api, "face"))


@when("the API user logs in with the face token")
def log_in_with_face(api: ApiSession) -> None:
    _logged_in(api, "the device", video_auth_token=_token(api, "face"))
