"""What an access-log row calls the part of a record that was read or written.

The protocol (seed 002) says nothing about access logs; the Patient Data Act
(Patientdatalagen 2008:355, 4 kap. 3 §) asks a care provider to log who accessed which
patient's record. The kind is derived from the route itself, so a new patient route is
logged with a sensible name without anyone remembering to name it.
"""
from __future__ import annotations

PATIENT_SEGMENT = "<patient_ref:patient_id>"
GROUP_SEGMENT = "<int:group_id>"
RECORD = "record"      # the basic record: name, contact details, therapist
# Group routes whose replies carry each member's own data: who is in the group (the group itself,
# read), diary-derived figures, attendance (one session, or the sessions so far with their notes).
GROUP_KINDS = {"": "group-members", "adherence": "group-adherence", "attendance": "group-attendance",
               "sessions": "group-attendance", "levels": "group-levels"}
READS = frozenset({"GET", "HEAD"})
# A CORS preflight (OPTIONS) asks which methods a route allows: it reads and writes nothing.
NOTHING = frozenset({"OPTIONS"})


def kind_of(rule: str, method: str = "GET") -> str | None:
    """The first path segment after the patient in a route rule; `record` for the patient itself.

    `/api/v1/patients/<patient_ref:patient_id>/diary/<int:entry_id>` -> `diary`;
    `/api/v1/groups/<int:group_id>/adherence` -> `group-adherence`; `/api/v1/groups/<int:group_id>` ->
    `group-members` when read (renaming a group writes nobody's record); any other route -> None.
    """
    for marker, table in ((PATIENT_SEGMENT, None), (GROUP_SEGMENT, GROUP_KINDS)):
        if marker not in rule:
            continue
        tail = rule.split(marker, 1)[1].strip("/")
        first = tail.split("/", 1)[0] if tail else ""
        if table is None:
            return first or RECORD
        if first == "" and method.upper() not in READS:
            return None
        return table.get(first)
    return None


def action_of(method: str) -> str | None:
    """A GET reads; a preflight does neither (None: nothing to log); every other method writes."""
    if method.upper() in NOTHING:
        return None
    return "read" if method.upper() in READS else "write"
