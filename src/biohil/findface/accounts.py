"""The FindFace accounts a run logs in with, each from two environment variables (a password
never goes in a file or on a command line). Only the API user is required; a scenario that needs
another role is not applicable without it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from biohil.common.secret import Secret

API = "api"
ADMIN = "admin"
ALL_OWN_SESSIONS = "all_own_sessions"
CURRENT_SESSION = "current_session"

# role -> (environment prefix, what the account must be on the server)
ROLES: dict[str, tuple[str, str]] = {
    API: ("BIOHIL_FINDFACE", "the API user (any role)"),
    ADMIN: ("BIOHIL_FINDFACE_ADMIN", "an administrator"),
    ALL_OWN_SESSIONS: (
        "BIOHIL_FINDFACE_ALL_OWN_SESSIONS",
        "a user with the all_own_sessions permission, not an administrator",
    ),
    CURRENT_SESSION: (
        "BIOHIL_FINDFACE_CURRENT_SESSION",
        "a user without all_own_sessions, not an administrator",
    ),
}


class AccountError(ValueError):
    """An account half given (a name without a password, or the reverse)."""


@dataclass(frozen=True)
class Account:
    role: str
    username: str
    password: Secret = field(repr=False)

    def __repr__(self) -> str:
        return f"Account({self.role}: {self.username})"


def variables(role: str) -> tuple[str, str]:
    prefix = ROLES[role][0]
    return f"{prefix}_USER", f"{prefix}_PASSWORD"


def needs(role: str) -> str:
    """The sentence a scenario without this account is skipped with."""
    user_var, password_var = variables(role)
    return f"needs {ROLES[role][1]}: set ${user_var} and ${password_var}"


def from_environment(env: Mapping[str, str]) -> dict[str, Account]:
    """The accounts whose two variables are set; the API user is required."""
    found: dict[str, Account] = {}
    for role in ROLES:
        user_var, password_var = variables(role)
        user, password = env.get(user_var), env.get(password_var)
        if user and password:
            found[role] = Account(role, user, Secret(password))
        elif user or password or role == API:
            raise AccountError(
                f"{ROLES[role][1]} needs both ${user_var} and ${password_var} (they never go in the file)"
            )
    return found
