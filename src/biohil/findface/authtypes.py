"""FindFace Multi's authentication types and what each lets a client do, as the documentation
says (authentication types page; the web UI's passwordEnough/faceEnough rules). A scenario asks
for a login by tag and runs wherever that login is documented to work; the suite never changes a
server's type."""

from __future__ import annotations

from collections.abc import Iterable

AUTH_TYPES = ("password", "face", "face_or_password", "face_and_password")

# scenario tag -> the types where that login is documented to work
CAPABILITIES: dict[str, tuple[str, ...]] = {
    "password_login": ("password", "face_or_password"),  # Basic credentials alone give a token
    "face_login": ("face", "face_or_password", "face_and_password"),  # a face video is taken
    "face_alone": ("face", "face_or_password"),  # the face video's token works; sessions renew by face
    "face_and_password": ("face_and_password",),  # the face token needs the password to work
}
FACE_TAGS = frozenset({"face_login", "face_alone", "face_and_password"})  # need a face video
DEFAULT = "password"  # what the web UI assumes when /config.json names no type
DEFAULT_SESSION_LENGTH = 15_552_000  # MAXIMUM_SESSION_LENGTH's documented default: 180 days


def check(value: str) -> str:
    if value not in AUTH_TYPES:
        raise ValueError(f"auth type {value!r} is not one of {', '.join(AUTH_TYPES)}")
    return value


def types_for(tags: Iterable[str]) -> tuple[str, ...]:
    """The types a scenario with these tags runs in (all four when it asks for no login)."""
    wanted = [CAPABILITIES[t] for t in tags if t in CAPABILITIES]
    return tuple(t for t in AUTH_TYPES if all(t in allowed for allowed in wanted))


def unsupported(tags: Iterable[str], auth_type: str) -> str | None:
    """Why a scenario with these tags cannot run on a server of this type (None: it can)."""
    for tag in tags:
        allowed = CAPABILITIES.get(tag)
        if allowed is not None and auth_type not in allowed:
            return (
                f"the FindFace server uses {auth_type} authentication; the scenario needs "
                f"{tag.replace('_', ' ')}, documented for {', '.join(allowed)}"
            )
    return None
