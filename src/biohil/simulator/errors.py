"""The one exception the simulator's domain code raises; servicers turn it into a gRPC status."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import grpc

F = TypeVar("F", bound=Callable[..., Any])


class SimError(Exception):
    def __init__(self, code: grpc.StatusCode, message: str, details: bytes = b"") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details  # a serialized google.rpc.Status for the call's trailers, or nothing

    @property
    def trailers(self) -> tuple[tuple[str, bytes], ...]:
        return (("grpc-status-details-bin", self.details),) if self.details else ()


def invalid(message: str) -> SimError:
    return SimError(grpc.StatusCode.INVALID_ARGUMENT, message)


def not_found(message: str) -> SimError:
    return SimError(grpc.StatusCode.NOT_FOUND, message)


def already_exists(message: str) -> SimError:
    return SimError(grpc.StatusCode.ALREADY_EXISTS, message)


def precondition(message: str) -> SimError:
    return SimError(grpc.StatusCode.FAILED_PRECONDITION, message)


def unavailable(message: str) -> SimError:
    return SimError(grpc.StatusCode.UNAVAILABLE, message)


def exhausted(message: str) -> SimError:
    return SimError(grpc.StatusCode.RESOURCE_EXHAUSTED, message)


def unsupported(code: grpc.StatusCode, message: str) -> SimError:
    """A terminal without the feature a call needs (services.common.require: the code is the
    reading unsupported_feature's)."""
    return SimError(code, message)


def rpc(method: F) -> F:
    """Servicer method decorator: a SimError becomes the call's status and message."""

    @functools.wraps(method)
    def wrapper(self: Any, request: Any, context: grpc.ServicerContext) -> Any:
        try:
            return method(self, request, context)
        except SimError as e:
            if e.details:
                context.set_trailing_metadata(e.trailers)
            context.abort(e.code, e.message)

    return wrapper  # type: ignore[return-value]
