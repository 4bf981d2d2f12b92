"""The FindFace server a run tests and what it knows about it: its authentication type and
longest session (from GET /config.json, which needs no token), the accounts, the face video,
whether undocumented-but-observed behaviour is checked, and the clock skew allowed.

Whether a scenario applies is decided from its tags before it logs anyone in (`admit`): the login
its auth type must offer, the role accounts it uses (tag `<role>_account`), a token expiry it
waits for (tag `token_expiry`), a face video. A role account found wrong by one scenario's login
fails every later scenario that uses it before any login."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tenacity import retry, retry_if_result, stop_after_delay, wait_fixed

from biohil.common.secret import Secret
from biohil.findface import authtypes
from biohil.findface.accounts import API, ROLES, Account, needs, role_error, role_problem
from biohil.findface.client import FindFaceClient, FindFaceError
from biohil.verdict import Cause, NotApplicable, Unexpected

if TYPE_CHECKING:
    from biohil.findface.simulator import FindFaceSimulator

STRICT_TAG = "strict_observed"
EXPIRY_TAG = "token_expiry"  # the scenario waits for a token to expire
ACCOUNT_TAG = "{}_account"  # the scenario logs in with this role's account (not the API user's)
ROLE_TAGS = {ACCOUNT_TAG.format(role): role for role in ROLES if role != API}
LONGEST_EXPIRY_WAIT = 120.0  # seconds a lab run waits for a token to expire; longer: not applicable
LOGOUT_WAIT = 10.0  # seconds a server may take to log a blocked device out ("automatic log-out")
SIM_LOGOUT_WAIT = 1.0  # the simulator logs it out within the block's own request


def roles_of(tags: Iterable[str]) -> set[str]:
    """The role accounts a scenario with these tags logs in with."""
    return {ROLE_TAGS[t] for t in tags if t in ROLE_TAGS}


class FindFaceSetupError(FindFaceError):
    """The configured server does not say what the suite needs to know about it (GET /config.json):
    the lab file's base_url, or a proxy in front of the server. Infrastructure."""

    cause = Cause.INFRASTRUCTURE


@dataclass(frozen=True)
class ServerFacts:
    auth_type: str
    session_length: int  # MAXIMUM_SESSION_LENGTH, seconds


def read_facts(client: FindFaceClient) -> ServerFacts:
    """The server's type and longest session, as its web UI reads them (GET /config.json)."""
    reply = client.config()
    if reply.status != 200:
        raise FindFaceSetupError(
            f"GET /config.json answered {reply}: the suite reads the authentication type there "
            "(is findface.base_url the server's API root?)"
        )
    raw = reply.body.get("auth")
    auth: dict[str, Any] = raw if isinstance(raw, dict) else {}
    auth_type = auth.get("AUTH_TYPE", authtypes.DEFAULT)  # the web UI's fallback
    try:
        authtypes.check(str(auth_type))
    except ValueError as e:
        raise FindFaceSetupError(f"GET /config.json: {e}") from None
    length = auth.get("MAXIMUM_SESSION_LENGTH", authtypes.DEFAULT_SESSION_LENGTH)
    if not isinstance(length, int) or isinstance(length, bool) or length <= 0:
        raise FindFaceSetupError(
            f"GET /config.json: MAXIMUM_SESSION_LENGTH {length!r} is not a number of seconds"
        )
    return ServerFacts(str(auth_type), length)


@dataclass
class FindFaceTarget:
    client: FindFaceClient
    facts: ServerFacts
    accounts: dict[str, Account] = field(repr=False)
    face_video: bytes | None = field(repr=False)  # a video of the API user's face, if any
    strict_observed: bool = False
    clock_skew: float = 5.0
    simulator: FindFaceSimulator | None = None
    # role -> what its account's last login showed wrong (None: right); unchecked roles are absent
    _role_problems: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)

    def __repr__(self) -> str:
        return f"FindFaceTarget({self.client.base_url}, {self.facts.auth_type})"

    def account(self, role: str) -> Account:
        if role not in self.accounts:
            raise NotApplicable(needs(role))
        return self.accounts[role]

    def why_not(self, tags: Iterable[str]) -> str | None:
        """Why a scenario with these tags does not apply to this server (None: it does)."""
        tags = set(tags)
        reason = authtypes.unsupported(tags, self.facts.auth_type)
        if reason is not None:
            return reason
        if tags & authtypes.FACE_TAGS and self.face_video is None:
            return "needs a video of the API user's face: set findface.face_video in the lab configuration"
        if STRICT_TAG in tags and not self.strict_observed:
            return (
                "checks what real servers answer beyond FindFace's documentation; set "
                "findface.strict_observed = true in the lab configuration to check it"
            )
        for role in sorted(roles_of(tags)):
            if role not in self.accounts:
                return needs(role)
        if EXPIRY_TAG in tags and self.simulator is None:
            longest = LONGEST_EXPIRY_WAIT - self.clock_skew  # the wait allows the clocks apart
            if self.facts.session_length > longest:
                return (
                    f"the server's tokens live {self.facts.session_length} s; checking expiry needs a "
                    f"server with MAXIMUM_SESSION_LENGTH of at most {longest:.0f} s"
                )
        return None

    def admit(self, tags: Iterable[str]) -> None:
        """Before a scenario logs anyone in: NotApplicable if it does not apply, or the RoleError
        of a role account it uses that an earlier login showed to be wrong."""
        tags = set(tags)
        reason = self.why_not(tags)
        if reason is not None:
            raise NotApplicable(reason)
        for role in sorted(roles_of(tags)):
            problem = self._role_problems.get(role)
            if problem is not None:
                raise role_error(self.accounts[role], problem)

    def check_role(self, account: Account, user: object) -> None:
        """That a role account's login answer shows the role (RoleError naming it otherwise)."""
        problem = role_problem(account.role, user)
        self._role_problems[account.role] = problem
        if problem is not None:
            raise role_error(account, problem)

    @property
    def logout_wait(self) -> float:
        """How long a block may take to log a device out here."""
        return SIM_LOGOUT_WAIT if self.simulator is not None else LOGOUT_WAIT

    def let_expire(self, token: Secret, expiry: dt.datetime) -> None:
        """Until this token's expiry date has passed: the simulator lets it pass at once; a real
        server is waited for (admit() let only a server with short enough sessions through)."""
        if self.simulator is not None:
            self.simulator.state.expire_now(token.reveal())
            return
        remaining = (expiry - dt.datetime.now(dt.UTC)).total_seconds() + self.clock_skew
        # admit() found the server's MAXIMUM_SESSION_LENGTH short enough before the login; a token
        # living longer than that (clocks allowed apart) broke the documented maximum
        longest = self.facts.session_length + 2 * self.clock_skew
        if remaining > longest:
            raise Unexpected(
                f"the token expires at {expiry.isoformat()}, {remaining - self.clock_skew:.0f} s from "
                f"now: later than MAXIMUM_SESSION_LENGTH ({self.facts.session_length} s) allows"
            )
        deadline = time.monotonic() + remaining
        # polled: the expiry moment itself (plus the skew), within the longest wait
        retry(
            retry=retry_if_result(lambda passed: not passed),
            wait=wait_fixed(0.5),
            stop=stop_after_delay(longest + 1),
            reraise=True,
        )(lambda: time.monotonic() >= deadline)()
