"""Collects every Gherkin scenario under features/ as a pytest test."""

from pytest_bdd import scenarios

scenarios("gsdk", "findface")
