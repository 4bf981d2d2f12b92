"""Lab mode: a real gateway and terminals, configured in TOML, left exactly as they were found."""
