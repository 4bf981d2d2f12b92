"""A pytest plugin that breaks the simulator's engine on purpose: a card is always accepted as
card-only, whatever the modes say. Loaded with -p broken_engine by test_acceptance_suite."""

from __future__ import annotations

import pytest

from biohil.credentials import Input
from biohil.simulator import auth
from biohil.simulator.firmware import Steps


@pytest.hookimpl
def pytest_configure(config: pytest.Config) -> None:
    original = auth.Engine.modes

    def card_always_allowed(self: auth.Engine, user_id: str, first: Input) -> list[Steps]:
        modes = original(self, user_id, first)
        if first is Input.CARD:
            modes.append((frozenset({Input.CARD}),))
        return modes

    auth.Engine.modes = card_always_allowed  # type: ignore[method-assign]
