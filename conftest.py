"""Wires the suite together: fixtures (targets, gateway, devices) and step definitions."""

pytest_plugins = [
    "fixtures.target",
    "fixtures.devices",
    "steps.terminal_steps",
    "steps.user_steps",
]
