"""Built-in Python rules, one module per rule (the TOML packs live in the top-level ``rules/``)."""
