"""Why a scenario did not pass: the cause class of every non-pass, by evidence.

product: the terminal (or FindFace server) did something else than its documentation promises:
an expectation on what it answered failed, or it refused a valid request with a status the
contract does not allow. unconfirmed reading: where the documentation is silent, a lab terminal
answered otherwise than the suite's reading of it (biohil.readings) assumes. infrastructure:
gateway, network, TLS, the bench PC (files, disk, locks), the lab file. operator: the person
(nobody answered, skipped, a mistake). not applicable: the terminal or configuration lacks what
the scenario needs. suite: an error nobody classified, a
bug of the suite itself; never blamed on the firmware.

The class is a property of the exception type, never of its message; a failed `assert` is an
expectation on the terminal where a scenario's step wrote it, and a bug of the suite where the
library or the fixtures did.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class Cause(StrEnum):
    PRODUCT = "product"
    UNCONFIRMED = "unconfirmed reading"
    INFRASTRUCTURE = "infrastructure"
    OPERATOR = "operator"
    NOT_APPLICABLE = "not applicable"
    SUITE = "suite"


# The worst first: when a scenario run has several non-passes (its call, its teardown, the
# members of an exception group), the closing lines and the report show the worst.
SEVERITY = (
    Cause.PRODUCT,
    Cause.SUITE,
    Cause.UNCONFIRMED,
    Cause.INFRASTRUCTURE,
    Cause.OPERATOR,
    Cause.NOT_APPLICABLE,
)
# Where a plain `assert` is an expectation on the terminal: the scenarios' steps (and tests).
EXPECTATION_MODULES = ("steps.",)


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


class Unconfirmed(Verdict):
    """A lab terminal answered otherwise than a reading of undocumented behaviour assumes: the
    reading, not the terminal, is in question (biohil.scenario.readings). `reason_name`: the reading."""

    cause = Cause.UNCONFIRMED

    def __init__(self, message: str, reading: str) -> None:
        super().__init__(message)
        self.reason_name = f"reading {reading}"


class Unexpected(AssertionError):
    """What the terminal or server answered is not what the scenario expects (raised by the
    library's expectations, e.g. biohil.client.expect): a product failure wherever it is raised."""

    cause: ClassVar[Cause] = Cause.PRODUCT


def worst(causes: list[Cause]) -> Cause:
    return min(causes, key=SEVERITY.index)


def raised_in(error: BaseException, passing: tuple[str, ...] = ()) -> str:
    """The module the error was raised in: its innermost frame outside the modules named in
    `passing` (a test framework's helpers that raise on a caller's behalf)."""
    where, tb = "", error.__traceback__
    while tb is not None:
        name = str(tb.tb_frame.f_globals.get("__name__", ""))
        if not name.startswith(passing):  # startswith(()) is False: no module passes
            where = name
        tb = tb.tb_next
    return where


def assertion_cause(error: BaseException, passing: tuple[str, ...] = ()) -> Cause:
    """A failed assertion: an expectation on the terminal where a step (or a test) wrote it, a bug
    of the suite anywhere else (the library, the fixtures, a wait interrupted in the standard
    library, no frame at all)."""
    where = raised_in(error, passing)
    expectation = where.startswith(EXPECTATION_MODULES) or where.rpartition(".")[2].startswith("test_")
    return Cause.PRODUCT if expectation else Cause.SUITE


def cause_of(error: BaseException) -> Cause:
    cause = getattr(type(error), "cause", None)
    if isinstance(cause, Cause):
        return cause
    if isinstance(error, BaseExceptionGroup):  # e.g. several cleanups of one teardown failed
        return worst([cause_of(e) for e in error.exceptions])
    if isinstance(error, AssertionError):
        return assertion_cause(error)
    if isinstance(error, OSError):  # files, disk, permissions, sockets: the bench PC or its network
        return Cause.INFRASTRUCTURE
    return Cause.SUITE  # nobody classified it: the suite's own bug, never the firmware's


def reason_of(error: BaseException) -> str:
    """What failed, without the details that differ from one occurrence to the next (event
    numbers, user IDs): 'User.Enroll: UNAVAILABLE' for a failed call, else the error's type. The
    report groups one cause's results by it."""
    method, code = getattr(error, "method", None), getattr(error, "code", None)
    if isinstance(method, str) and code is not None:
        return f"{method}: {getattr(code, 'name', code)}"
    return getattr(error, "reason_name", None) or type(error).__name__
