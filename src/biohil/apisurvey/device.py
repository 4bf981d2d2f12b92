"""Plausible calls of gsdk.device (see biohil.apisurvey)."""

from __future__ import annotations

from biohil.apisurvey import Call

CALLS: dict[str, Call] = {}
