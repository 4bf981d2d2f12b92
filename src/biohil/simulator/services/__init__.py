"""The gRPC servicers of the gsdk.* services, one module per service: each decodes a request,
calls the gateway or a terminal's parts, and encodes the reply.

Domain code raises SimError; `errors.rpc` turns it into a non-OK status with the message, so a
bad request never takes the server down.
"""

from __future__ import annotations

from typing import Any

import grpc

from biohil.gsdk import (
    auth_pb2,
    card_pb2,
    connect_pb2,
    device_pb2,
    event_pb2,
    face_pb2,
    finger_pb2,
    tna_pb2,
    user_pb2,
)
from biohil.simulator.gateway import Gateway
from biohil.simulator.handlers import Handlers
from biohil.simulator.services.auth import AuthService
from biohil.simulator.services.card import CardService
from biohil.simulator.services.common import DROPPED_TRAILER
from biohil.simulator.services.connect import ConnectService
from biohil.simulator.services.device import DeviceService
from biohil.simulator.services.event import EventService
from biohil.simulator.services.face import FaceService
from biohil.simulator.services.finger import FingerService
from biohil.simulator.services.tna import TNAService
from biohil.simulator.services.user import UserService

__all__ = ["DROPPED_TRAILER", "SERVICERS", "add_all"]

SERVICERS: list[tuple[type[Any], Any]] = [
    (ConnectService, connect_pb2),
    (DeviceService, device_pb2),
    (AuthService, auth_pb2),
    (UserService, user_pb2),
    (CardService, card_pb2),
    (FingerService, finger_pb2),
    (FaceService, face_pb2),
    (EventService, event_pb2),
    (TNAService, tna_pb2),
]


def add_all(server: grpc.aio.Server, gateway: Gateway, handlers: Handlers) -> list[Any]:
    """Serve every gsdk.* service; returns their service descriptors."""
    services: list[Any] = []
    for servicer_class, module in SERVICERS:
        servicer = servicer_class(gateway)
        for service in module.DESCRIPTOR.services_by_name.values():
            handlers.add(server, servicer, service)
            services.append(service)
    return services
