"""Planted bugs in the FindFace Multi server (biohil.findface.simulator), registering into
mutants.CATALOGUE. Each replaces public names only: an entry of the route table, a module-level
helper of the endpoint modules or `listing`, a value, or a public method of State or Request."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from mutants import _wrap, bug

from biohil.findface import simulator as ffsim
from biohil.findface.simulator import auth_api, listing, sessions_api
from biohil.findface.simulator.handler import ROUTES, Endpoint
from biohil.findface.simulator.request import Reply, Request


def _answers(mp: pytest.MonkeyPatch, endpoint: Endpoint, replacement: Endpoint) -> None:
    """The route table answers with replacement wherever it answered with endpoint."""
    keys = [key for key, given in ROUTES.items() if given is endpoint]
    assert keys, f"{endpoint.__name__} answers no route"
    for key in keys:
        mp.setitem(ROUTES, key, replacement)


def _may_see(mp: pytest.MonkeyPatch, rule: Callable[[ffsim.Session, ffsim.Session], bool]) -> None:
    """State.may_see replaced: the caller's session `me` may see `other` where rule(me, other)."""
    mp.setattr(ffsim.State, "may_see", lambda self, me, other: rule(me, other))


@bug("findface.uuid_256_refused", "a login whose device uuid has exactly 256 characters is refused")
def _uuid_256_refused(mp: pytest.MonkeyPatch) -> None:
    def check(original: Callable[..., Any], body: dict[str, Any]) -> None:
        original(body)
        if isinstance(body.get("uuid"), str) and len(body["uuid"]) == 256:
            raise ffsim.bad_param("uuid", "Ensure this field has no more than 255 characters.")

    _wrap(mp, auth_api, "check_uuid", check)


@bug("findface.login_without_credentials", "a login without an Authorization header logs in the first user")
def _login_without_credentials(mp: pytest.MonkeyPatch) -> None:
    def basic_user(original: Callable[..., Any], request: Request) -> ffsim.User:
        if not request.headers.get("Authorization"):
            return next(iter(request.state.users.values()))
        return original(request)  # type: ignore[no-any-return]

    _wrap(mp, Request, "basic_user", basic_user)


@bug("findface.expiry_beyond_maximum", "tokens expire later than MAXIMUM_SESSION_LENGTH allows")
def _expiry_beyond_maximum(mp: pytest.MonkeyPatch) -> None:
    def new_session(original: Callable[..., Any], self: ffsim.State, *args: Any, **kwargs: Any) -> Any:
        session = original(self, *args, **kwargs)
        session.expires += dt.timedelta(days=30)
        return session

    _wrap(mp, ffsim.State, "new_session", new_session)


@bug("findface.expired_token_accepted", "a token past its expiry date still authenticates")
def _expired_token_accepted(mp: pytest.MonkeyPatch) -> None:
    def session_of(self: ffsim.State, token: str, active_only: bool = True) -> Any:
        session = self.by_token.get(token)
        if session is None or (active_only and not session.active):
            raise ffsim.unauthorized("Invalid token.")
        return session

    mp.setattr(ffsim.State, "session_of", session_of)


@bug("findface.logout_ends_every_session", "a logout ends every session of the user, not just its own")
def _logout_ends_every_session(mp: pytest.MonkeyPatch) -> None:
    def logout(request: Request) -> Reply:
        token = request.token()
        s = request.state
        with s.lock:
            me = s.session_of(token)
            for session in [x for x in s.sessions.values() if x.user is me.user]:
                s.end(session, "logout", me)
        return Reply(204)

    _answers(mp, auth_api.logout, logout)


@bug("findface.uuid_filter_ignored", "the session list ignores the uuid_in filter")
def _uuid_filter_ignored(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(listing, "LIST_FILTERS", {k: v for k, v in listing.LIST_FILTERS.items() if k != "uuid_in"})


@bug("findface.page_repeats_last", "each next page starts again with the last session of the page before")
def _page_repeats_last(mp: pytest.MonkeyPatch) -> None:
    def page(original: Callable[..., Any], request: Request, items: list[Any], *args: Any) -> Any:
        out = original(request, items, *args)
        cursor = request.query.get("page", [""])[0]
        if cursor:  # the item the cursor names comes back first
            last = json.loads(base64.urlsafe_b64decode(cursor.encode()))
            again = [i for i in items if [str(i.get("created_date")), str(i["id"])] == last]
            out["results"] = again + out["results"][: max(0, len(out["results"]) - len(again))]
        return out

    _wrap(mp, listing, "page", page)


@bug("findface.current_session_user_sees_all", "a user without all_own_sessions sees all their sessions")
def _current_session_user_sees_all(mp: pytest.MonkeyPatch) -> None:
    _may_see(mp, lambda me, other: me.user.is_admin or other.user is me.user)


@bug("findface.delete_ignores_permission", "any user may delete any session whose ID they know")
def _delete_ignores_permission(mp: pytest.MonkeyPatch) -> None:
    def delete(request: Request, session_id: str) -> Reply:
        s = request.state
        with s.lock:
            me = s.session_of(request.token())
            target = s.sessions.get(session_id)
            if target is None:
                raise ffsim.ApiError(404, "NOT_FOUND", "No AuthSession matches the given query.")
            s.end(target, "delete_session", me)
        return Reply(204)

    _answers(mp, sessions_api.delete_session, delete)


@bug("findface.admin_sees_only_own", "an administrator sees only their own sessions")
def _admin_sees_only_own(mp: pytest.MonkeyPatch) -> None:
    _may_see(mp, lambda me, other: other is me or (me.user.all_own_sessions and other.user is me.user))


@bug("findface.session_by_id_is_current", "GET /sessions/{id}/ answers with the caller's own session")
def _session_by_id_is_current(mp: pytest.MonkeyPatch) -> None:
    def get(request: Request, session_id: str) -> Reply:
        s = request.state
        with s.lock:
            me, _ = sessions_api.visible_session(request, session_id)
            payload = s.sessions[
                next(k for k, x in s.sessions.items() if x.user is me.user and x is not me)
                if any(x.user is me.user and x is not me for x in s.sessions.values())
                else me.id
            ].payload()
            payload["uuid"] = payload["uuid"] + "-other"
        return Reply(200, payload)

    _answers(mp, sessions_api.get_session, get)


@bug("findface.block_keeps_sessions", "blocking a device does not log it out")
def _block_keeps_sessions(mp: pytest.MonkeyPatch) -> None:
    def end(
        original: Callable[..., Any], self: ffsim.State, session: Any, action: Any = None, actor: Any = None
    ) -> None:
        if action != "block_device":
            original(self, session, action, actor)

    _wrap(mp, ffsim.State, "end", end)


@bug("findface.renewal_shortens", "renewing a session by face sets an expiry earlier than before")
def _renewal_shortens(mp: pytest.MonkeyPatch) -> None:
    def renew(request: Request) -> Reply:
        s = request.state
        s.session_length, length = 60, s.session_length
        try:
            return auth_api.video_auth_renew(request)
        finally:
            s.session_length = length

    _answers(mp, auth_api.video_auth_renew, renew)


@bug("findface.two_factor_face_token_active", "with face_and_password the face alone gives a working token")
def _two_factor_face_token_active(mp: pytest.MonkeyPatch) -> None:
    def new_session(
        original: Callable[..., Any], self: ffsim.State, user: Any, body: Any, ip: str, active: bool
    ) -> Any:
        return original(self, user, body, ip, True)

    _wrap(mp, ffsim.State, "new_session", new_session)


@bug("findface.unknown_face_admitted", "a video without a known face logs in the first user")
def _unknown_face_admitted(mp: pytest.MonkeyPatch) -> None:
    def video(original: Callable[..., Any], request: Request) -> tuple[dict[str, Any], bytes]:
        fields, data = original(request)
        if not data.startswith(ffsim.FACE_PREFIX):
            data = ffsim.face_video(next(iter(request.state.users)))
        return fields, data

    _wrap(mp, auth_api, "uploaded_video", video)
