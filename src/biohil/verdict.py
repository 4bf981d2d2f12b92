"""Why a scenario did not pass: the cause class of every non-pass.

The class is a property of the exception type the library raises, never of its message:
product (the terminal or server did something else than the scenario expects), infrastructure
(gateway or link unavailable, RPC deadline, TLS, a lock, a terminal not restored), operator
(nobody answered, the person skipped or failed a step) and not applicable (the terminal lacks
what the scenario needs). An exception of no known type is a product failure: the scenario saw
something it did not expect, and a person has to look.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class Cause(StrEnum):
    PRODUCT = "product"
    INFRASTRUCTURE = "infrastructure"
    OPERATOR = "operator"
    NOT_APPLICABLE = "not applicable"


class Verdict(Exception):
    """An outcome that is not a product failure. `skips`: the scenario is skipped with the message
    (it could not be run), rather than failed."""

    cause: ClassVar[Cause] = Cause.INFRASTRUCTURE
    skips: ClassVar[bool] = False


class NotApplicable(Verdict):
    """The terminal or server lacks what the scenario needs (a sensor, a mode family, a table)."""

    cause = Cause.NOT_APPLICABLE
    skips = True


class InfrastructureSkip(Verdict):
    """The scenario cannot run on this terminal: not tested (lock, preflight) or quarantined."""

    skips = True


def cause_of(error: BaseException) -> Cause:
    cause = getattr(type(error), "cause", None)
    return cause if isinstance(cause, Cause) else Cause.PRODUCT


def reason_of(error: BaseException) -> str:
    """What failed, without the details that differ from one occurrence to the next (event
    numbers, user IDs): 'User.Enroll: UNAVAILABLE' for a failed call, else the error's type. The
    report groups one cause's results by it."""
    method, code = getattr(error, "method", None), getattr(error, "code", None)
    if isinstance(method, str) and code is not None:
        return f"{method}: {getattr(code, 'name', code)}"
    return getattr(error, "reason_name", None) or type(error).__name__
