"""What the suite may change on a terminal, taken before its first change and put back after.

The suite changes two things: the auth config and the users in its test ID range. Users outside
the range are never written; the snapshot still lists them so a change by anyone shows up.
"""

from __future__ import annotations

from dataclasses import dataclass

from biohil.client.gateway import Device
from biohil.client.testusers import IdRange
from biohil.gsdk import auth_pb2


@dataclass(frozen=True)
class DeviceState:
    auth_config: auth_pb2.AuthConfig
    user_ids: frozenset[str]

    def __repr__(self) -> str:
        return f"DeviceState({len(self.user_ids)} users)"


def take(device: Device) -> DeviceState:
    return DeviceState(device.auth_config(), frozenset(h.ID for h in device.user_headers()))


def restore(device: Device, before: DeviceState, id_range: IdRange) -> None:
    """Delete the test-range users the run left, and put the auth config back if it changed."""
    now = take(device)
    leftovers = sorted(u for u in now.user_ids - before.user_ids if u in id_range)
    if leftovers:
        device.delete_users(*leftovers)
    if now.auth_config != before.auth_config:
        device.set_auth_config(before.auth_config)


def differences(device: Device, before: DeviceState) -> list[str]:
    """How the terminal differs from the snapshot, one line per difference (empty: identical)."""
    now = take(device)
    out = []
    if added := sorted(now.user_ids - before.user_ids):
        out.append(f"users added: {', '.join(added)}")
    if removed := sorted(before.user_ids - now.user_ids):
        out.append(f"users missing: {', '.join(removed)}")
    if now.auth_config != before.auth_config:
        was = str(before.auth_config).replace("\n", " ").strip()
        is_ = str(now.auth_config).replace("\n", " ").strip()
        out.append(f"auth config was {{{was}}}, is {{{is_}}}")
    return out
