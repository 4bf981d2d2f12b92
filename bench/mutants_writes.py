"""Planted firmware bugs for the writes checks (registered in the catalogue of bench/mutants.py)."""

from __future__ import annotations
