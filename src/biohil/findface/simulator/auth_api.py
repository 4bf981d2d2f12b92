"""The endpoints of logging in and out: GET /config.json, POST /auth/login/, /auth/video-auth/,
/auth/video-auth-renew/, /auth/logout/ and GET /users/me/. Each takes the Request and returns
its Reply; the helpers are looked up here at each call, where bench/mutants_findface.py
replaces them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from biohil.findface.simulator.errors import bad_param, unauthorized
from biohil.findface.simulator.records import FACE_PREFIX, face_video, iso_time, utc_now
from biohil.findface.simulator.request import Reply, Request
from biohil.findface.simulator.sessions import login_result


def config_json(request: Request) -> Reply:
    s = request.state
    auth = {
        "AUTH_TYPE": s.auth_type,
        "MAXIMUM_SESSION_LENGTH": s.session_length,
        "FACE_AUTH_CONFIDENCE": 0.74,
        "NEED_SESSION_RENEW": False,
        "RENEW_SESSION_INTERVAL": 0,
        "MAXIMUM_RENEW_ATTEMPTS": 2,
    }
    return Reply(200, {"auth": auth})


def login(request: Request) -> Reply:
    s = request.state
    if s.options.check_credentials_first:
        user = request.basic_user()
        body = request.json()
        check_uuid(body)
    else:
        body = request.json()
        check_uuid(body)
        user = request.basic_user()
    if "mobile" in body and not isinstance(body["mobile"], bool):
        raise bad_param("mobile", "Must be a valid boolean.")
    video_token = body.get("video_auth_token")
    if video_token is not None and (not isinstance(video_token, str) or not video_token):
        raise bad_param("video_auth_token", "This field may not be blank.")
    with s.lock:
        if s.auth_type == "face" and s.options.password_login_in_face_mode == "refuse":
            raise unauthorized("Password authentication is disabled.")
        if s.auth_type == "face_and_password":
            if video_token is None:
                raise bad_param("video_auth_token", "This field is required.")
            session = s.by_token.get(video_token)
            if session is None or session.active or session.user is not user:
                raise unauthorized("Invalid video_auth_token.")
            if any(b.uuid == session.uuid and b.in_force(utc_now()) for b in s.blocks.values()):
                raise unauthorized("This device is blocked.")
            session.active = True  # inferred: the face step's session becomes the login
            result = login_result(session, s)
        else:
            result = login_result(s.new_session(user, body, request.client_ip, active=True), s)
    return Reply(200, result)


def video_auth(request: Request) -> Reply:
    s = request.state
    fields, video = uploaded_video(request)
    check_uuid(fields)
    with s.lock:
        if s.auth_type == "password":
            raise unauthorized("Face authentication is disabled.")
        name = video[len(FACE_PREFIX) :].decode(errors="replace") if video.startswith(FACE_PREFIX) else ""
        user = s.users.get(name)
        if user is None:
            raise unauthorized("No known face was found in the video.")
        active = s.auth_type != "face_and_password"  # step 1 of 2: inactive until the password
        result = login_result(s.new_session(user, fields, request.client_ip, active=active), s)
    return Reply(200, result)


def video_auth_renew(request: Request) -> Reply:
    token = request.token()
    s = request.state
    video = uploaded_video(request)[1]
    with s.lock:
        me = s.session_of(token)
        if s.auth_type not in ("face", "face_or_password"):  # documented for these two only
            raise unauthorized("Session renewal by face is disabled.")
        if video != face_video(me.user.name):
            raise unauthorized("The face in the video is not the session's user.")
        me.expires = utc_now() + dt.timedelta(seconds=s.session_length)
        result = {"token_expiration_datetime": iso_time(me.expires), "user": me.user.payload(s.created)}
    return Reply(200, result)


def logout(request: Request) -> Reply:
    token = request.token()
    with request.state.lock:
        me = request.state.session_of(token)
        request.state.end(me, "logout", me)
    return Reply(204)


def me(request: Request) -> Reply:
    token = request.token()
    with request.state.lock:
        user = request.state.session_of(token).user
    return Reply(200, user.payload(request.state.created))


def uploaded_video(request: Request) -> tuple[dict[str, Any], bytes]:
    """The form's fields and its video file, which must be there."""
    fields = request.form()
    video = fields.get("video")
    if not isinstance(video, bytes) or not video:
        raise bad_param("video", "No file was submitted.")
    return fields, video


def check_uuid(body: dict[str, Any]) -> None:
    """The DRF validation of `uuid`: required, a string, 1..256 characters."""
    if "uuid" not in body:
        raise bad_param("uuid", "This field is required.")
    value = body["uuid"]
    if not isinstance(value, str):
        raise bad_param("uuid", "Not a valid string.")
    if not value:
        raise bad_param("uuid", "This field may not be blank.")
    if len(value) > 256:
        raise bad_param("uuid", "Ensure this field has no more than 256 characters.")
