"""The server's state: users, sessions and their tokens, device blocks, who ended what; the
session permission rules live here, next to the data they guard."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from typing import Any

from biohil.findface.authtypes import check
from biohil.findface.simulator.errors import unauthorized
from biohil.findface.simulator.options import Options
from biohil.findface.simulator.records import Audited, Block, Session, User, iso_time, utc_now

TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


class State:
    """Users, sessions, tokens and blocks; every method is one locked step."""

    def __init__(self, auth_type: str, users: list[User], session_length: int, options: Options) -> None:
        self.auth_type = check(auth_type)
        self.users = {u.name: u for u in users}
        self.session_length = session_length
        self.options = options
        self.sessions: dict[str, Session] = {}
        self.by_token: dict[str, Session] = {}
        self.blocks: dict[int, Block] = {}
        self.created = iso_time(utc_now())
        self.lock = threading.Lock()
        self.ended_tokens: list[str] = []
        self.audit: list[Audited] = []
        self.dropped = 0  # requests the drop_paths fault has dropped

    def drops_one(self) -> bool:
        """Whether the drop_paths fault drops this request (all, or the first drop_count)."""
        with self.lock:
            limit = self.options.drop_count
            if limit is not None and self.dropped >= limit:
                return False
            self.dropped += 1
            return True

    def issued_tokens(self) -> list[str]:
        """Every token issued so far (for tests that check no secret leaked)."""
        with self.lock:
            return [s.token for s in self.sessions.values()] + self.ended_tokens

    def expire_now(self, token: str) -> None:
        """Lets this one token's expiry date pass (the suite's fixture; a real server waits)."""
        with self.lock:
            session = self.by_token.get(token)
            if session is not None:
                session.expires = utc_now() - dt.timedelta(seconds=1)

    def new_session(self, user: User, body: dict[str, Any], ip: str, active: bool) -> Session:
        now = utc_now()
        if any(b.uuid == body["uuid"] and b.in_force(now) for b in self.blocks.values()):
            raise unauthorized("This device is blocked.")  # inferred: the answer is undocumented
        token = "".join(secrets.choice(TOKEN_CHARS) for _ in range(self.options.token_length))
        session = Session(
            id=secrets.token_hex(16),
            token=token,
            user=user,
            uuid=body["uuid"],
            mobile=bool(body.get("mobile", False)),
            device_info=body.get("device_info", {}),
            ip=ip,
            created=now,
            expires=now + dt.timedelta(seconds=self.session_length),
            active=active,
            last_ping=now,
        )
        self.sessions[session.id] = session
        self.by_token[token] = session
        return session

    def end(self, session: Session, action: str | None = None, actor: Session | None = None) -> None:
        self.sessions.pop(session.id, None)
        if self.by_token.pop(session.token, None) is not None:
            self.ended_tokens.append(session.token)
        if action is not None:
            self.audit.append(Audited(action, actor.uuid if actor else session.uuid, session.uuid))

    def session_of(self, token: str, active_only: bool = True) -> Session:
        session = self.by_token.get(token)
        if session is None or (active_only and not session.active):
            raise unauthorized("Invalid token.")
        if session.expires <= utc_now():
            self.end(session)
            raise unauthorized("Invalid token.")
        session.last_ping = utc_now()
        return session

    def may_see(self, me: Session, other: Session) -> bool:
        """The documented rule: an administrator every session, a user with all_own_sessions all
        of their own, anyone else only the current one."""
        user = me.user
        return user.is_admin or other is me or (user.all_own_sessions and other.user is user)

    def listed(self, me: Session) -> list[Session]:
        shown = self.auth_type == "face_and_password"  # inactive sessions show only in that type
        return [x for x in self.sessions.values() if self.may_see(me, x) and (x.active or shown)]


def login_result(session: Session, state: State) -> dict[str, Any]:
    return {
        "token": session.token,
        "user": session.user.payload(state.created),
        "token_expiration_datetime": iso_time(session.expires),
    }
