"""Plausible calls of gsdk.auth (see biohil.apisurvey): the terminal's own config, with a new
matchTimeout, set and read back."""

from __future__ import annotations

from google.protobuf.message import Message

from biohil.apisurvey import Call, Invoke
from biohil.gsdk import auth_pb2


def _config(invoke: Invoke, d: int) -> auth_pb2.AuthConfig:
    return invoke("Auth.GetConfig", auth_pb2.GetConfigRequest(deviceID=d)).config  # type: ignore[attr-defined, no-any-return]


def _changed(invoke: Invoke, d: int) -> auth_pb2.AuthConfig:
    """The terminal's config (its own modes, whatever its family) with another matchTimeout."""
    config = _config(invoke, d)
    config.matchTimeout = 7 if config.matchTimeout != 7 else 8
    return config


_SENT: dict[int, auth_pb2.AuthConfig] = {}


def _set(invoke: Invoke, d: int) -> Message:
    _SENT[d] = _changed(invoke, d)
    return auth_pb2.SetConfigRequest(deviceID=d, config=_SENT[d])


def _set_multi(invoke: Invoke, d: int) -> Message:
    _SENT[d] = _changed(invoke, d)
    return auth_pb2.SetConfigMultiRequest(deviceIDs=[d], config=_SENT[d])


def _reads_back(answer: Message, invoke: Invoke, d: int) -> str:
    got = _config(invoke, d)
    return "" if got == _SENT[d] else f"GetConfig reads back {got} instead of the config set"


def _a_config(answer: Message, invoke: Invoke, d: int) -> str:
    config = answer.config  # type: ignore[attr-defined]
    return "" if config.matchTimeout and config.authTimeout else "the config has no timeouts"


CALLS: dict[str, Call] = {
    "Auth.GetConfig": Call(lambda invoke, d: auth_pb2.GetConfigRequest(deviceID=d), _a_config),
    "Auth.SetConfig": Call(_set, _reads_back),
    "Auth.SetConfigMulti": Call(_set_multi, _reads_back),
}
