"""Planted firmware bugs for the device checks (registered in the catalogue of bench/mutants.py):
what a terminal says about itself over GetInfo, GetCapabilityInfo and GetCapability. Each one is
wrong only in the answer, never in what the terminal does, so only the checks of those answers
(features/gsdk/connection.feature) can catch it."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from mutants import _wrap, bug

from biohil.authmodes import capability_flag
from biohil.gsdk import auth_pb2, device_pb2
from biohil.simulator import models
from biohil.simulator.models import DeviceModel


def _answer_changed(mp: pytest.MonkeyPatch, method: str, change: Callable[[DeviceModel, Any], None]) -> None:
    """A model's answer (factory_info, capability_info or capability), changed in place."""

    def changed(original: Callable[..., Any], self: DeviceModel, *args: Any) -> Any:
        out = original(self, *args)
        change(self, out)
        return out

    _wrap(mp, models.DeviceModel, method, changed)


@bug("device.firmware_of_other_model", "GetInfo gives the firmware version of another model")
def _firmware_of_other_model(mp: pytest.MonkeyPatch) -> None:
    def other(model: DeviceModel, info: device_pb2.FactoryInfo) -> None:
        info.firmwareVersion = next(
            m.firmware for m in models.MODELS.values() if m.firmware != model.firmware
        )

    _answer_changed(mp, "factory_info", other)


@bug("device.mac_missing", "GetInfo leaves the MAC address empty")
def _mac_missing(mp: pytest.MonkeyPatch) -> None:
    _answer_changed(mp, "factory_info", lambda model, info: info.ClearField("MACAddr"))


@bug(
    "device.coarse_user_capacity", "GetCapabilityInfo gives a tenth of the user capacity GetCapability gives"
)
def _coarse_user_capacity(mp: pytest.MonkeyPatch) -> None:
    def tenth(model: DeviceModel, info: device_pb2.CapabilityInfo) -> None:
        info.maxNumOfUser = model.max_users // 10

    _answer_changed(mp, "capability_info", tenth)


@bug("device.type_unknown", "GetCapabilityInfo gives the device type UNKNOWN")
def _type_unknown(mp: pytest.MonkeyPatch) -> None:
    def unknown(model: DeviceModel, info: device_pb2.CapabilityInfo) -> None:
        info.type = device_pb2.UNKNOWN

    _answer_changed(mp, "capability_info", unknown)


@bug("device.keypad_not_advertised", "GetCapability says a terminal with a keypad takes no PIN or user ID")
def _keypad_not_advertised(mp: pytest.MonkeyPatch) -> None:
    def no_keypad(model: DeviceModel, cap: device_pb2.DeviceCapability) -> None:
        cap.PINInputSupported = cap.idInputSupported = False

    _answer_changed(mp, "capability", no_keypad)


@bug("device.other_family_mode", "GetCapability offers card only of the other mode family too")
def _other_family_mode(mp: pytest.MonkeyPatch) -> None:
    def both(model: DeviceModel, cap: device_pb2.DeviceCapability) -> None:
        other = auth_pb2.AUTH_MODE_CARD_ONLY if model.extended_auth else auth_pb2.AUTH_EXT_MODE_CARD_ONLY
        setattr(cap, capability_flag(other), True)

    _answer_changed(mp, "capability", both)


@bug("device.default_mode_not_offered", "GetCapability leaves out card only, a mode the terminal has enabled")
def _default_mode_not_offered(mp: pytest.MonkeyPatch) -> None:
    def without(model: DeviceModel, cap: device_pb2.DeviceCapability) -> None:
        mode = auth_pb2.AUTH_EXT_MODE_CARD_ONLY if model.extended_auth else auth_pb2.AUTH_MODE_CARD_ONLY
        setattr(cap, capability_flag(mode), False)

    _answer_changed(mp, "capability", without)


@bug(
    "device.faces_per_user_over_limit",
    "GetCapability says a user may have 10 faces (at most 5 are documented)",
)
def _faces_per_user_over_limit(mp: pytest.MonkeyPatch) -> None:
    def ten(model: DeviceModel, cap: device_pb2.DeviceCapability) -> None:
        if model.face:
            cap.maxFacesPerUser = 10

    _answer_changed(mp, "capability", ten)


@bug("device.event_capacity_drifts", "every other GetCapability gives half the event log capacity")
def _event_capacity_drifts(mp: pytest.MonkeyPatch) -> None:
    halved = itertools.cycle([False, True])

    def drift(model: DeviceModel, cap: device_pb2.DeviceCapability) -> None:
        if next(halved):
            cap.maxEventLogs = model.max_event_logs // 2

    _answer_changed(mp, "capability", drift)
