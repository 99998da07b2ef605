"""Demo data for a first look."""
