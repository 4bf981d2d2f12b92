"""The FindFace accounts a run logs in with, each from two environment variables (a password
never goes in a file or on a command line). Only the API user is required; a scenario that needs
another role is not applicable without it, and one whose account is not what its role says (an
administrator given as the current-session user) fails as infrastructure, naming the account: the
role is checked against the permissions the server lists in the account's login answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from biohil.common.secret import Secret
from biohil.verdict import Verdict

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


# What a role may do with sessions and the blocklist, as Django permissions (app.codename) in the
# `permissions` list of the login answer's `user` (a required field of FindFace's User schema):
# the names FindFace's own login payload lists (research notes, sections 5 and 6). Seeing and
# closing every user's sessions is an administrator's ([DOC] blocklist page), so is blocking.
SEE_ALL_SESSIONS = ("ffsecurity.view_ffsecauthsession", "ffsecurity.delete_ffsecauthsession")
BLOCK_DEVICES = ("ffsecurity.add_deviceblacklistrecord", "ffsecurity.delete_deviceblacklistrecord")
ALL_OWN = ("ffsecurity.view_all_own_sessions", "ffsecurity.delete_all_own_sessions")
ADMIN_FLAG = "has_admin_permissions"  # not in the schema; some servers add it (the mock's payload)

# role -> (permissions it must all hold, permissions of which it must hold none)
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    API: ((), ()),
    ADMIN: (SEE_ALL_SESSIONS + BLOCK_DEVICES, ()),
    ALL_OWN_SESSIONS: (ALL_OWN, SEE_ALL_SESSIONS),
    CURRENT_SESSION: ((), ALL_OWN + SEE_ALL_SESSIONS),
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


class RoleError(Verdict):
    """An account is not what its role needs (or its login answer does not say what it may do):
    the lab's accounts are wrong, not the server. Infrastructure, and never a pass."""


def role_problem(role: str, user: object) -> str | None:
    """What the login answer's `user` shows against the role (None: it is what the role needs)."""
    must, must_not = RULES[role]
    if not must and not must_not:
        return None
    permissions = user.get("permissions") if isinstance(user, dict) else None
    if not isinstance(permissions, list) or not all(isinstance(p, str) for p in permissions):
        return "its login answer has no user.permissions list to check that by"
    held = set(permissions)
    lacking = [p for p in must if p not in held]
    if lacking:
        return f"its login answer's user.permissions lacks {', '.join(lacking)}"
    extra = [p for p in must_not if p in held]
    if extra:
        return f"its login answer's user.permissions holds {', '.join(extra)}"
    admin_flag = user.get(ADMIN_FLAG) if isinstance(user, dict) else None
    if must_not and admin_flag is True:
        return f"its login answer says {ADMIN_FLAG}: true"
    if role == ADMIN and admin_flag is False:
        return f"its login answer says {ADMIN_FLAG}: false"
    return None


def role_error(account: Account, problem: str) -> RoleError:
    user_var, _ = variables(account.role)
    return RoleError(
        f"the FindFace account {account.username!r} (${user_var}) must be {ROLES[account.role][1]}, "
        f"but {problem}: give ${user_var} an account of that role, or give the account that role "
        "on the server"
    )


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
