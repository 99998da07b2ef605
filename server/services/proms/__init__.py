"""Questionnaires: the schedule, drafts and scored responses, and their exports (CSV, FHIR)."""
