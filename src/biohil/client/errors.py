"""One exception type per kind of failure a suite user must tell apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import grpc

from biohil.verdict import Cause


class GsdkError(Exception):
    """A G-SDK call failed. `code` is the gRPC status, `detail` the gateway's own message.

    The gateway answered, but not as the scenario expected: a product failure, unless a subclass
    says otherwise.
    """

    cause: ClassVar[Cause] = Cause.PRODUCT

    def __init__(self, method: str, code: grpc.StatusCode | None, detail: str) -> None:
        self.method = method
        self.code = code
        self.detail = detail
        status = code.name if code is not None else "ERROR"
        super().__init__(f"{method} failed: {status}: {detail}")


class NotFound(GsdkError):
    """Unknown or disconnected device, missing user, no terminal at an address."""


class AlreadyExists(GsdkError):
    """E.g. Enroll without overwrite for a user that exists."""


class InvalidArgument(GsdkError):
    """The gateway or terminal refused the request's content."""


class FailedPrecondition(GsdkError):
    """The request is valid but the device is not in a state to do it."""


class Timeout(GsdkError):
    """The deadline passed before the gateway answered."""

    cause = Cause.INFRASTRUCTURE


class GatewayUnavailable(GsdkError):
    """The gateway could not be reached (network, TLS) or dropped the call."""

    cause = Cause.INFRASTRUCTURE


class DeviceNotConnected(GsdkError):
    """The call failed and the gateway no longer lists the terminal (a gateway restart): the
    gateway's answer is about the connection, not the terminal."""

    cause = Cause.INFRASTRUCTURE


class WriteRefused(GsdkError):
    """Refused before sending: the write could change what this run did not create."""

    cause = Cause.INFRASTRUCTURE


class OutsideTestRange(WriteRefused):
    """The call would write a user outside the test range."""


class NotCreatedByRun(WriteRefused):
    """The call would change or delete a user this run did not create."""


class ConfigError(Exception):
    """Bad local setup (CA file, address): the message names the thing and the fix."""

    cause: ClassVar[Cause] = Cause.INFRASTRUCTURE


_BY_CODE: dict[grpc.StatusCode, type[GsdkError]] = {
    grpc.StatusCode.NOT_FOUND: NotFound,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExists,
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgument,
    grpc.StatusCode.OUT_OF_RANGE: InvalidArgument,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
    grpc.StatusCode.DEADLINE_EXCEEDED: Timeout,
    grpc.StatusCode.UNAVAILABLE: GatewayUnavailable,
    grpc.StatusCode.UNAUTHENTICATED: GatewayUnavailable,  # TLS or the gateway's front: never a terminal
    # The gateway cancelled the call: it is shutting down (a restart). A call this client cancels
    # itself is never read back (biohil.client.gateway's Stream and Pending).
    grpc.StatusCode.CANCELLED: GatewayUnavailable,
}


def from_rpc_error(method: str, error: grpc.RpcError) -> GsdkError:
    code = error.code() if hasattr(error, "code") else None
    detail = error.details() if hasattr(error, "details") else str(error)
    return _BY_CODE.get(code, GsdkError)(method, code, detail or "")


def refusal(write: Callable[[], object]) -> GsdkError | None:
    """The terminal's refusal of a write, or None if it took it. A gateway or link failure is no
    answer at all: it is raised, never taken for the terminal's refusal."""
    try:
        write()
    except GsdkError as e:
        if e.cause is not Cause.PRODUCT:
            raise
        return e
    return None
