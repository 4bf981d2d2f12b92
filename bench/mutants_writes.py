"""Planted firmware bugs in what a terminal stores, or answers, after a write: users and their
credentials beyond the first item, their settings, the auth config. The terminal's own behaviour
(its auth engine) stays right, so only reading the write back whole catches them
(biohil.client.readback, registered in the catalogue of bench/mutants.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from mutants import _wrap, bug

from biohil.gsdk import auth_pb2, user_pb2
from biohil.simulator.device import SimDevice
from biohil.simulator.roster import Roster
from biohil.simulator.validation import NOT_SET


def _stored_changed(mp: pytest.MonkeyPatch, change: Callable[[user_pb2.UserInfo], None]) -> None:
    """What Enroll and Set{Card,Finger,Face} store, changed (the credential indexes follow)."""

    def store(original: Callable[..., Any], self: Roster, user: user_pb2.UserInfo) -> None:
        change(user)
        user.hdr.numOfCard, user.hdr.numOfFinger, user.hdr.numOfFace = (
            len(user.cards),
            len(user.fingers),
            len(user.faces),
        )
        original(self, user)

    _wrap(mp, Roster, "store", store)


def _answered_changed(mp: pytest.MonkeyPatch, change: Callable[[user_pb2.UserInfo], None]) -> None:
    """What User.Get answers, changed (the terminal itself keeps and uses the user as stored)."""

    def get(original: Callable[..., Any], self: Roster, user_ids: list[str]) -> list[user_pb2.UserInfo]:
        users: list[user_pb2.UserInfo] = original(self, user_ids)
        for user in users:
            change(user)
        return users

    _wrap(mp, Roster, "get_users", get)


def _config_answered(
    mp: pytest.MonkeyPatch, change: Callable[[SimDevice, auth_pb2.AuthConfig], None]
) -> None:
    """What Auth.GetConfig answers, changed (the auth engine uses the config as set)."""

    def read(original: Callable[..., Any], self: SimDevice) -> auth_pb2.AuthConfig:
        config: auth_pb2.AuthConfig = original(self)
        change(self, config)
        return config

    _wrap(mp, SimDevice, "auth_config", read)


# -- credentials beyond the first ---------------------------------------------------------------


@bug("writes.set_card_keeps_first", "SetCard keeps only the first of a user's cards")
def _set_card_keeps_first(mp: pytest.MonkeyPatch) -> None:
    def set_cards(original: Callable[..., Any], self: Roster, items: list[Any]) -> None:
        original(self, [(uid, list(cards)[:1]) for uid, cards in items])

    _wrap(mp, Roster, "set_cards", set_cards)


@bug("writes.enroll_keeps_first_finger", "Enroll keeps only the first of a user's fingers")
def _enroll_keeps_first_finger(mp: pytest.MonkeyPatch) -> None:
    def normalised(original: Callable[..., Any], self: Roster, user: Any, field: str) -> Any:
        out = original(self, user, field)
        del out.fingers[1:]
        out.hdr.numOfFinger = len(out.fingers)
        return out

    _wrap(mp, Roster, "normalised", normalised)


@bug("writes.second_finger_template_lost", "the second finger's second template is not stored")
def _second_finger_template_lost(mp: pytest.MonkeyPatch) -> None:
    def drop(user: user_pb2.UserInfo) -> None:
        if len(user.fingers) > 1:  # the first template still matches: it opens all the same
            del user.fingers[1].templates[1:]

    _stored_changed(mp, drop)


@bug("writes.face_beyond_first_dropped", "a face beyond a user's first is dropped")
def _face_beyond_first_dropped(mp: pytest.MonkeyPatch) -> None:
    _stored_changed(mp, lambda user: user.faces.__delitem__(slice(1, None)))


@bug("writes.card_data_unpadded", "User.Get answers a card's data without its zero padding")
def _card_data_unpadded(mp: pytest.MonkeyPatch) -> None:
    def unpad(user: user_pb2.UserInfo) -> None:
        for card in user.cards:
            card.data = card.data.lstrip(b"\0")

    _answered_changed(mp, unpad)


@bug("writes.finger_count_counts_templates", "User.Get's numOfFinger counts templates, not fingers")
def _finger_count_counts_templates(mp: pytest.MonkeyPatch) -> None:
    def count(user: user_pb2.UserInfo) -> None:
        user.hdr.numOfFinger = sum(len(f.templates) for f in user.fingers)

    _answered_changed(mp, count)


@bug("writes.duress_flag_unreported", "User.Get answers every finger without its duress flag")
def _duress_flag_unreported(mp: pytest.MonkeyPatch) -> None:
    def unflag(user: user_pb2.UserInfo) -> None:
        for finger in user.fingers:
            finger.flag = 0

    _answered_changed(mp, unflag)


# -- settings -------------------------------------------------------------------------------------


@bug("writes.start_time_read_as_zero", "User.Get answers the user's start time as 0")
def _start_time_read_as_zero(mp: pytest.MonkeyPatch) -> None:
    _answered_changed(mp, lambda user: setattr(user.setting, "startTime", 0))


@bug("writes.security_level_default", "Enroll stores the security level as the device default (normal)")
def _security_level_default(mp: pytest.MonkeyPatch) -> None:
    def normalised(original: Callable[..., Any], self: Roster, user: Any, field: str) -> Any:
        out = original(self, user, field)
        out.setting.securityLevel = user_pb2.SECURITY_LEVEL_NORMAL  # the device default
        return out

    _wrap(mp, Roster, "normalised", normalised)


@bug("writes.own_card_mode_unreported", "User.Get answers a user's own card mode as the device modes")
def _own_card_mode_unreported(mp: pytest.MonkeyPatch) -> None:
    def unreported(user: user_pb2.UserInfo) -> None:
        user.setting.cardAuthMode = user.setting.cardAuthExtMode = NOT_SET

    _answered_changed(mp, unreported)


# -- the auth config ------------------------------------------------------------------------------


@bug("writes.config_lists_first_schedule", "Auth.GetConfig lists only the first of the enabled modes")
def _config_lists_first_schedule(mp: pytest.MonkeyPatch) -> None:
    _config_answered(mp, lambda device, config: config.authSchedules.__delitem__(slice(1, None)))


@bug("writes.config_private_auth_unreported", "Auth.GetConfig answers usePrivateAuth as off")
def _config_private_auth_unreported(mp: pytest.MonkeyPatch) -> None:
    _config_answered(mp, lambda device, config: setattr(config, "usePrivateAuth", False))


@bug(
    "writes.config_read_stale",
    "Auth.GetConfig answers the config the terminal started with: a restore that trusts the read skips "
    "its write and leaves the scenario's modes on",
)
def _config_read_stale(mp: pytest.MonkeyPatch) -> None:
    started: dict[int, auth_pb2.AuthConfig] = {}  # by terminal: its config at the first read

    def stale(device: SimDevice, config: auth_pb2.AuthConfig) -> None:
        config.CopyFrom(
            started.setdefault(id(device), auth_pb2.AuthConfig.FromString(config.SerializeToString()))
        )

    _config_answered(mp, stale)
