"""Steps about the FindFace Multi API authentication, sessions and blocklist. A device is a name
the scenario gives a login ("new", "first", "administrator"); its uuid is the scenario's own."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter

from pytest_bdd import given, parsers, then, when

from biohil.common.secret import Secret
from biohil.findface import accounts
from biohil.findface.apisession import ApiSession, Device
from biohil.findface.client import Reply, basic

COUNTS = {"two": ("first", "second"), "three": ("first", "second", "third")}
SCOPES = {
    "all their own sessions": accounts.ALL_OWN_SESSIONS,
    "only the current session": accounts.CURRENT_SESSION,
}
UUIDS = {"missing": None, "empty": "", "256 characters long": 256, "257 characters long": 257}
ADMIN_DEVICE = "administrator"
WHO = r"(?P<who>the administrator|the \w+ device)"


def _name(who: str) -> str:
    """The device a phrase names: "the first device" -> first, "the administrator" -> administrator."""
    return who.removeprefix("the ").removesuffix(" device").removesuffix("'s")


def _user(api: ApiSession) -> str:
    return api.account(accounts.API).username


def _looked_up(api: ApiSession) -> Device:
    assert api.looked_up is not None, "the scenario has not looked up a session"
    return api.looked_up


def _answered(api: ApiSession) -> Reply:
    assert api.reply is not None, "the scenario has not asked the server anything yet"
    return api.reply


# -- logging in ----------------------------------------------------------------------------------


@when("the API user logs in from a new device")
def log_in(api: ApiSession) -> None:
    api.log_in("new", api.account(accounts.API))


@given("the API user is logged in from a new device")
def logged_in(api: ApiSession) -> None:
    reply = api.log_in("new", api.account(accounts.API))
    assert reply.status == 200 and reply.token, f"the API user's login was answered {reply}"


@given("the API user is logged in from two devices")
def logged_in_twice(api: ApiSession) -> None:
    for name in COUNTS["two"]:
        reply = api.log_in(name, api.account(accounts.API))
        assert reply.status == 200 and reply.token, f"login on the {name} device: {reply}"


@given(parsers.re(r"a user who may see (?P<scope>.+) is logged in from (?P<count>two|three) devices"))
def role_logged_in(api: ApiSession, scope: str, count: str) -> None:
    account = api.account(SCOPES[scope])
    for name in COUNTS[count]:
        reply = api.log_in(name, account)
        assert reply.status == 200 and reply.token, f"{account} on the {name} device: {reply}"


@given("an administrator is logged in")
def admin_logged_in(api: ApiSession) -> None:
    account = api.account(accounts.ADMIN)
    reply = api.log_in(ADMIN_DEVICE, account)
    assert reply.status == 200 and reply.token, f"{account}'s login was answered {reply}"


@when("the API user logs in with a wrong password")
def log_in_wrong_password(api: ApiSession) -> None:
    account = api.account(accounts.API)
    wrong = Secret(account.password.reveal() + "-wrong")
    api.log_in_refused("new", account, basic(account.username, wrong))


@when("the API user logs in without an Authorization header")
def log_in_without_header(api: ApiSession) -> None:
    api.log_in_refused("new", api.account(accounts.API), None)


@when(parsers.parse("the API user logs in and the device uuid is {uuid}"))
def log_in_with_uuid(api: ApiSession, uuid: str) -> None:
    length = UUIDS[uuid]
    device = api.add_device("new", api.account(accounts.API))
    if isinstance(length, int):  # still the scenario's own uuid, padded to the length
        device.uuid = (device.uuid + "-" * length)[:length]
    api.log_in_as(device, length if not isinstance(length, int) else device.uuid)


@then("the login succeeds with a token, the user and an expiry date")
def login_succeeds(api: ApiSession) -> None:
    reply = _answered(api)
    assert reply.status == 200, f"the login was answered {reply}"
    assert reply.token, "the login answer holds no token"
    named = reply.body.get("user", {}).get("name") if isinstance(reply.body.get("user"), dict) else None
    assert named == _user(api), f"the login answer names the user {named!r}, expected {_user(api)!r}"
    assert reply.expiry is not None, (
        f"token_expiration_datetime {reply.body.get('token_expiration_datetime')!r} is no ISO 8601 date with a zone"
    )


@then("the expiry date is in the future, within the server's maximum session length")
def expiry_in_range(api: ApiSession) -> None:
    expiry, target = _answered(api).expiry, api.target
    assert expiry is not None, "the answer has no expiry date"
    longest, skew = target.facts.session_length, dt.timedelta(seconds=target.clock_skew)
    now = dt.datetime.now(dt.UTC)
    assert now - skew < expiry <= now + dt.timedelta(seconds=longest) + skew, (
        f"expiry {expiry.isoformat()} is not within {longest} s from now ({now.isoformat()}, "
        f"clocks allowed {target.clock_skew:g} s apart)"
    )


@then("the login is refused")
def login_refused(api: ApiSession) -> None:
    reply = _answered(api)
    assert 400 <= reply.status < 500, f"the login was answered {reply}, expected a refusal (4xx)"
    assert reply.token is None, "a refused login handed out a token"


@then("the request is refused")
def request_refused(api: ApiSession) -> None:
    reply = _answered(api)
    assert 400 <= reply.status < 500, f"the request was answered {reply}, expected a refusal (4xx)"


@then("the answer holds no token")
def no_token(api: ApiSession) -> None:
    assert _answered(api).token is None, f"the answer {api.reply} holds a token"


# -- asking with a token -------------------------------------------------------------------------


@when(parsers.parse("the API user asks who they are with the {name} device's token"))
def who_with_token(api: ApiSession, name: str) -> None:
    api.reply = api.client.me(api.token(name))


@when("the API user asks who they are without credentials")
def who_without(api: ApiSession) -> None:
    api.reply = api.client.me(None)


@when("the API user asks who they are with an unknown token")
def who_unknown(api: ApiSession) -> None:
    api.reply = api.client.me(Secret(secrets.token_hex(32)))


@when("the API user asks who they are with a malformed token")
def who_malformed(api: ApiSession) -> None:
    api.reply = api.client.request("GET", "/users/me/", Secret("Token two parts"))


@when("the API user logs out without a token")
def log_out_without(api: ApiSession) -> None:
    api.reply = api.client.logout(None)


@then(parsers.parse("the server answers {status:d} with the same user"))
def answers_same_user(api: ApiSession, status: int) -> None:
    reply = _answered(api)
    assert reply.status == status, f"the server answered {reply}"
    assert reply.body.get("name") == _user(api), f"the token belongs to {reply.body.get('name')!r}"


@then(parsers.parse('the server answers {status:d} "{code}" naming "{param}"'))
def answers_code_param(api: ApiSession, status: int, code: str, param: str) -> None:
    answers_code(api, status, code)
    named = _answered(api).body.get("param")
    assert named == param, f"the error names {named!r}, expected {param!r}"


@then(parsers.parse('the server answers {status:d} "{code}"'))
def answers_code(api: ApiSession, status: int, code: str) -> None:
    reply = _answered(api)
    assert (reply.status, reply.code) == (status, code), (
        f"the server answered {reply}, expected {status} {code}"
    )


@then(parsers.parse("the server answers {status:d}"))
def answers_status(api: ApiSession, status: int) -> None:
    assert _answered(api).status == status, f"the server answered {api.reply}, expected {status}"


@when("the API user logs out on the first device")
def log_out_first(api: ApiSession) -> None:
    api.reply = api.client.logout(api.token("first"))


@then(parsers.parse("the {name} device's token is refused with {status:d}"))
def token_refused(api: ApiSession, name: str, status: int) -> None:
    reply = api.client.me(api.token(name))
    assert reply.status == status, f"the {name} device's token was answered {reply}, expected {status}"


@then(parsers.re(WHO + "'s token still works"))
def token_works(api: ApiSession, who: str) -> None:
    reply = api.client.me(api.token(_name(who)))
    assert reply.status == 200, f"{who}'s token was answered {reply}"


@when(parsers.parse("the {name} device's token has expired"))
def token_expired(api: ApiSession, name: str) -> None:
    api.let_expire(name)


# -- sessions ------------------------------------------------------------------------------------


@when(parsers.re(WHO + r" looks up the (?P<name>\w+) device's session by its uuid"))
def look_up(api: ApiSession, who: str, name: str) -> None:
    api.pages = api.own_sessions(_name(who), name)
    found = [s for page in api.pages for s in page]
    api.session_id = str(found[0].get("id")) if len(found) == 1 else None
    api.looked_up = api.device(name)


@then("exactly one session is found, with that device's uuid and user")
def one_found(api: ApiSession) -> None:
    device = _looked_up(api)
    found = [s for page in api.pages for s in page]
    uuids = [s.get("uuid") for s in found]
    assert len(found) == 1, f"the uuid_in filter for {device.uuid} gave {len(found)} sessions (uuids {uuids})"
    session = found[0]
    assert session.get("uuid") == device.uuid, f"the session found has the uuid {session.get('uuid')!r}"
    owner = session.get("user__username")
    assert owner == device.account.username, (
        f"the session belongs to {owner!r}, expected {device.account.username!r}"
    )


@then("reading that session by its ID gives the same session")
def read_by_id(api: ApiSession) -> None:
    assert api.session_id is not None, "no single session was found"
    device = _looked_up(api)
    reply = api.client.session(api.token(device.name), api.session_id)
    assert reply.status == 200, f"GET /sessions/{{id}}/ was answered {reply}"
    got = (reply.body.get("id"), reply.body.get("uuid"))
    assert got == (api.session_id, device.uuid), f"GET /sessions/{{id}}/ gave session {got}"


@when(parsers.re(WHO + " deletes that session"))
def delete_it(api: ApiSession, who: str) -> None:
    assert api.session_id is not None, "no single session was found to delete"
    api.reply = api.client.delete_session(api.token(_name(who)), api.session_id)


@then("the deletion is refused")
def deletion_refused(api: ApiSession) -> None:
    reply = _answered(api)
    assert 400 <= reply.status < 500, f"the deletion was answered {reply}, expected a refusal (4xx)"


@when(parsers.parse("the first device lists the three devices' sessions one per page"))
def list_paged(api: ApiSession) -> None:
    api.pages = api.own_sessions("first", *COUNTS["three"], limit=1)


@then("each of the three devices' sessions is listed exactly once, and no other session")
def each_once(api: ApiSession) -> None:
    sizes = [len(page) for page in api.pages]
    assert all(size <= 1 for size in sizes), f"pages of limit=1 held {sizes} sessions"
    listed = Counter(str(s.get("uuid")) for page in api.pages for s in page)
    expected = Counter(api.device(n).uuid for n in COUNTS["three"])
    assert listed == expected, f"pages listed {dict(listed)}, expected each of {sorted(expected)} once"


@when("the second device lists the two devices' sessions")
def list_both(api: ApiSession) -> None:
    api.pages = api.own_sessions("second", *COUNTS["two"])


@then("only the second device's session is listed")
def only_second(api: ApiSession) -> None:
    listed = [s.get("uuid") for page in api.pages for s in page]
    second, first = api.device("second").uuid, api.device("first").uuid
    assert listed == [second], (
        f"the list shows {len(listed)} sessions; expected only the current one ({second})"
        + (", and it shows the other device's" if first in listed else "")
    )


# -- the device blocklist ------------------------------------------------------------------------


@when(parsers.parse("the administrator blocks the {name} device's uuid"))
def block(api: ApiSession, name: str) -> None:
    api.block(ADMIN_DEVICE, api.device(name).uuid)


@then(parsers.parse("the {name} device is logged out"))
def logged_out(api: ApiSession, name: str) -> None:
    reply = api.after_block(name)
    assert reply is not None and reply.status == 401, (
        f"{api.target.logout_wait:g} s after the block the {name} device's token was answered {reply}, "
        "expected 401"
    )


# -- face ----------------------------------------------------------------------------------------


def _face(api: ApiSession) -> bytes:
    video = api.target.face_video
    assert video is not None  # the fixture made the scenario not applicable without one
    return video


def _by_face(api: ApiSession, video: bytes) -> Reply:
    inactive = api.target.facts.auth_type == "face_and_password"  # step one of two
    return api.log_in_by_face("new", api.account(accounts.API), video, inactive)


@when("the API user shows their face from a new device")
def show_face(api: ApiSession) -> None:
    _by_face(api, _face(api))


@given("the API user has logged in by face from a new device")
@given("the API user has shown their face from a new device")
def shown_face(api: ApiSession) -> None:
    reply = _by_face(api, _face(api))
    assert reply.status == 200 and reply.token, f"the face authentication was answered {reply}"


@when("a video without a known face is sent from a new device")
def unknown_face(api: ApiSession) -> None:
    _by_face(api, b"biohil: no face in this video " + secrets.token_bytes(64))


@when("the API user logs in from that device with its face token")
def log_in_with_face(api: ApiSession) -> None:
    device = api.device("new")
    api.log_in_as(device, device.uuid, video_auth_token=api.token("new"))


@when(parsers.parse("the API user renews the {name} device's session with their face"))
def renew(api: ApiSession, name: str) -> None:
    api.renewed_from = api.device(name).expiry
    api.reply = api.client.renew(api.token(name), _face(api))


@then("the renewal answers 200 with the same user and an expiry date no earlier than before")
def renewed(api: ApiSession) -> None:
    reply = _answered(api)
    assert reply.status == 200, f"the renewal was answered {reply}"
    named = reply.body.get("user", {}).get("name") if isinstance(reply.body.get("user"), dict) else None
    assert named == _user(api), f"the renewal names the user {named!r}"
    before, after = api.renewed_from, reply.expiry
    assert after is not None, "the renewal gave no expiry date"
    skew = dt.timedelta(seconds=api.target.clock_skew)
    assert before is None or after >= before - skew, f"the expiry moved back from {before} to {after}"
