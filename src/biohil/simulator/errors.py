"""The one exception the simulator's domain code raises; servicers turn it into a gRPC status."""

from __future__ import annotations

import grpc


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
