"""The switches for what the sources leave open (kept apart: the research notes list them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """Behaviour the sources leave open, one switch each (defaults: the most plausible reading).

    check_credentials_first: like Django REST framework, a login with bad credentials AND a bad
        uuid gets 401 before the 400 (the third-party mock answers 400 first).
    password_login_in_face_mode: "refuse" a password login when AUTH_TYPE is face, or "allow" it.
    token_length: tokens are opaque strings of [a-z0-9] (knox's default length 64).
    www_authenticate: send DRF's WWW-Authenticate header on 401 answers.
    drop_paths: a fault for the suite's own tests: requests to these paths are read and the
        connection is closed without an answer.
    drop_count: only the first this many requests to drop_paths are dropped (None: all of them),
        a transient fault the suite's retries must ride out.
    """

    check_credentials_first: bool = True
    password_login_in_face_mode: str = "refuse"
    token_length: int = 64
    www_authenticate: bool = True
    drop_paths: frozenset[str] = frozenset()
    drop_count: int | None = None
