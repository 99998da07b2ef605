"""Supervised groups: members, sessions and attendance, and the adherence review."""
