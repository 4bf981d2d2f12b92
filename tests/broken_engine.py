"""A pytest plugin that breaks the simulator's engine on purpose: a card is always accepted as
card-only, whatever the modes say. Loaded with -p broken_engine by test_acceptance_suite."""

from __future__ import annotations

from typing import Any

import pytest

from biohil.simulator import auth


@pytest.hookimpl
def pytest_configure(config: pytest.Config) -> None:
    original = auth.Engine._modes

    def card_always_allowed(self: auth.Engine, user_id: str, factor: auth.Factor) -> Any:
        modes = original(self, user_id, factor)
        if factor is auth.Factor.CARD:
            modes.append((frozenset({auth.Factor.CARD}),))
        return modes

    auth.Engine._modes = card_always_allowed  # type: ignore[method-assign]
