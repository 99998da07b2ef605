"""The therapist's workspace: caseload, review queue and clinic outcomes."""
