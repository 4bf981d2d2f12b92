"""A simulated G-SDK device gateway: a real gRPC server over TLS with terminals behind it."""

from biohil.simulator.server import Simulator

__all__ = ["Simulator"]
