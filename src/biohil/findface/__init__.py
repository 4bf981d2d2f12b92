"""FindFace Multi REST API authentication: a client that never shows a secret, and a simulated
server for offline runs."""
