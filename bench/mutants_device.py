"""Planted firmware bugs for the device checks (registered in the catalogue of bench/mutants.py)."""

from __future__ import annotations
