"""Plausible calls of gsdk.finger (see biohil.apisurvey)."""

from __future__ import annotations

from biohil.apisurvey import Call

CALLS: dict[str, Call] = {}
