"""The one exception the simulator's domain code raises; servicers turn it into a gRPC status."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import grpc

F = TypeVar("F", bound=Callable[..., Any])


class SimError(Exception):
    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


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


def rpc(method: F) -> F:
    """Servicer method decorator: a SimError becomes the call's status and message."""

    @functools.wraps(method)
    def wrapper(self: Any, request: Any, context: grpc.ServicerContext) -> Any:
        try:
            return method(self, request, context)
        except SimError as e:
            context.abort(e.code, e.message)

    return wrapper  # type: ignore[return-value]
