"""Planted firmware bugs for the records checks (registered in the catalogue of bench/mutants.py)."""

from __future__ import annotations
