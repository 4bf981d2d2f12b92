"""What a terminal looked like before the run's first change, and how it differs afterwards.

The suite changes two things on a terminal: the auth config and users it creates in its test ID
range (the journal knows which). The snapshot also lists every user, so that a change someone
else made during the run shows up; such changes are reported and left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from biohil.client.gateway import Device
from biohil.gsdk import auth_pb2


@dataclass(frozen=True)
class DeviceState:
    auth_config: auth_pb2.AuthConfig
    user_ids: frozenset[str]

    def __repr__(self) -> str:
        return f"DeviceState({len(self.user_ids)} users)"


def take(device: Device) -> DeviceState:
    return DeviceState(device.auth_config(), frozenset(h.ID for h in device.user_headers()))


def one_line(config: auth_pb2.AuthConfig) -> str:
    return "{" + str(config).replace("\n", " ").strip() + "}"


def ids(ids: set[str] | frozenset[str], most: int = 10) -> str:
    shown = sorted(ids, key=lambda u: (len(u), u))
    more = f" and {len(shown) - most} more" if len(shown) > most else ""
    return ", ".join(shown[:most]) + more


def foreign(before: DeviceState, now: DeviceState, created: set[str], auth_touched: bool) -> list[str]:
    """What someone else changed while the run held the terminal, one line each (the run itself
    never writes users it did not create, and it puts back any auth config it replaced)."""
    out = []
    if added := set(now.user_ids - before.user_ids - created):
        out.append(f"users added: {ids(added)}")
    if removed := set(before.user_ids - now.user_ids):
        out.append(f"users missing: {ids(removed)}")
    if not auth_touched and now.auth_config != before.auth_config:
        out.append(f"auth config was {one_line(before.auth_config)}, is {one_line(now.auth_config)}")
    return out
