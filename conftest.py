"""Wires the suite together: fixtures (targets, gateway, devices, scenario state) and steps."""

pytest_plugins = [
    "fixtures.target",
    "fixtures.bench",
    "fixtures.testids",
    "fixtures.devices",
    "fixtures.parallel",
    "fixtures.scenario",
    "fixtures.summary",
    "fixtures.findface",
    "fixtures.report",
    "fixtures.recording",
    "steps.terminal_steps",
    "steps.user_steps",
    "steps.auth_steps",
    "steps.event_steps",
    "steps.findface_steps",
]
