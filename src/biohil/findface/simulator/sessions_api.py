"""The endpoints of the session list: GET /sessions/, GET and DELETE /sessions/{id}/, under the
documented permissions (State.may_see). Each takes the Request (and the path's ID) and returns
its Reply."""

from __future__ import annotations

from biohil.findface.simulator import listing
from biohil.findface.simulator.errors import ApiError
from biohil.findface.simulator.records import Session
from biohil.findface.simulator.request import Reply, Request

ORDERINGS = {
    "created": "created_date",
    "last_ping_date": "last_ping_date",
    "mobile": "mobile",
    "status": "status",
    "user__username": "user__username",
}


def sessions(request: Request) -> Reply:
    token = request.token()
    s = request.state
    with s.lock:
        visible = [x.payload() for x in s.listed(s.session_of(token))]
    chosen = [x for x in visible if listing.matches(x, request.query)]
    return Reply(200, listing.page(request, chosen, ORDERINGS, "created"))


def visible_session(request: Request, session_id: str) -> tuple[Session, Session]:
    """The caller's session and the one asked for, which the caller may see (under the lock)."""
    s = request.state
    me = s.session_of(request.token())
    target = s.sessions.get(session_id)
    if target is None:
        raise ApiError(404, "NOT_FOUND", "No AuthSession matches the given query.")
    if not s.may_see(me, target):
        raise ApiError(403, "PERMISSION_DENIED", "Permission denied")
    return me, target


def get_session(request: Request, session_id: str) -> Reply:
    with request.state.lock:
        payload = visible_session(request, session_id)[1].payload()
    return Reply(200, payload)


def delete_session(request: Request, session_id: str) -> Reply:
    with request.state.lock:
        me, target = visible_session(request, session_id)
        request.state.end(target, "delete_session", me)
    return Reply(204)
