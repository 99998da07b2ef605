"""The only place that talks to push services (pywebpush)."""
