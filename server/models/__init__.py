"""All models, imported here so metadata and Alembic see every table."""
from server.models.auth import Invitation, LoginSession
from server.models.clinic import Clinic
from server.models.user import PatientProfile, User

__all__ = ["Clinic", "Invitation", "LoginSession", "PatientProfile", "User"]
