"""The care episode as FHIR R4: an EpisodeOfCare per episode and an Encounter per visit.

Red flags, what was done about them and the discharge reason stay out of FHIR: R4 has no
element that says "screened positive, then handled" without a terminology the protocol does
not give; they are in the patient's JSON export in words. The STarT Back answers are already
in the Bundle as a QuestionnaireResponse.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import CareEpisode, User

ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"


def _episode(episode: CareEpisode, patient: User) -> dict:
    period = {"start": episode.opened_on.isoformat()}
    if episode.discharged_on is not None:
        period["end"] = episode.discharged_on.isoformat()
    return {"resourceType": "EpisodeOfCare", "id": f"episode-{episode.id}",
            "status": "active" if episode.discharged_on is None else "finished",
            "type": [{"text": "Low back pain (BetterBack)"}],
            "patient": {"reference": f"Patient/{patient.id}"}, "period": period}


def _encounter(visit, episode_id: str, patient: User, base_url: str) -> dict:
    return {"resourceType": "Encounter", "id": f"visit-{visit.id}", "status": "finished",
            "class": {"system": ACT_CODE, "code": "AMB", "display": "ambulatory"},
            "type": [{"coding": [{"system": f"{base_url}/fhir/CodeSystem/visit-kind", "code": visit.kind}]}],
            "subject": {"reference": f"Patient/{patient.id}"},
            "episodeOfCare": [{"reference": f"EpisodeOfCare/{episode_id}"}],
            "period": {"start": visit.day.isoformat(), "end": visit.day.isoformat()}}


def resources(db_session: Session, patient: User, base_url: str) -> list[dict]:
    """Each episode, oldest first, followed by its visits."""
    found = []
    for episode in db_session.scalars(select(CareEpisode).where(CareEpisode.patient_id == patient.id)
                                      .order_by(CareEpisode.opened_on, CareEpisode.id)):
        found.append(_episode(episode, patient))
        found += [_encounter(v, found[-1]["id"], patient, base_url) for v in episode.visits]
    return found
