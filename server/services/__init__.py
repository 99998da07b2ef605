"""Use cases: load, apply the domain rules, persist. Each owns its transaction."""
