"""All models, imported here so metadata and Alembic see every table."""
from server.models.access import AccessLog
from server.models.assessment import Assessment, AssessmentResponse
from server.models.auth import Invitation, LoginSession
from server.models.clinic import Clinic
from server.models.contract import TrainingContract
from server.models.crpe import CrpeAssessment
from server.models.diary import DiaryEntry, DiaryExercise
from server.models.episode import CareEpisode, CareResume, EpisodeVisit, RedFlagRecord
from server.models.group import GroupAttendance, GroupMember, GroupSessionNote, TrainingGroup
from server.models.message import Message, ReviewHandled
from server.models.plan_state import PacingBlock, PlanResponse
from server.models.program import LevelChange, LevelObservation, ProgramItem, ProgramSettings
from server.models.push import Notification, PushSubscription, ReminderPreference
from server.models.user import PatientProfile, User

__all__ = [
    "AccessLog", "Assessment", "AssessmentResponse", "CareEpisode", "CareResume", "Clinic", "CrpeAssessment",
    "DiaryEntry", "DiaryExercise", "EpisodeVisit", "GroupAttendance", "GroupMember", "GroupSessionNote", "Invitation",
    "LevelChange", "LevelObservation", "Message", "Notification", "PushSubscription", "RedFlagRecord",
    "ReminderPreference", "ReviewHandled",
    "LoginSession", "PacingBlock", "PatientProfile", "PlanResponse", "ProgramItem", "ProgramSettings", "TrainingContract", "TrainingGroup", "User",
]
