"""Typed client facade over the G-SDK gateway's gRPC stubs."""

from biohil.client.errors import (
    AlreadyExists,
    ConfigError,
    FailedPrecondition,
    GatewayUnavailable,
    GsdkError,
    InvalidArgument,
    NotCreatedByRun,
    NotFound,
    OutsideTestRange,
    Timeout,
    WriteRefused,
)
from biohil.client.gateway import Device, DeviceEntry, Gateway

__all__ = [
    "AlreadyExists",
    "ConfigError",
    "Device",
    "DeviceEntry",
    "FailedPrecondition",
    "Gateway",
    "GatewayUnavailable",
    "GsdkError",
    "InvalidArgument",
    "NotCreatedByRun",
    "NotFound",
    "OutsideTestRange",
    "Timeout",
    "WriteRefused",
]
