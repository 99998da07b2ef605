"""Web push: the server's public key, the signed-in user's devices, a patient's reminder choices."""
from flask import current_app, g
from flask_login import current_user
from flask_smorest import Blueprint

from server import permissions as perm
from server.extensions import db
from server.schemas.push import EndpointSchema, RemindersSchema, SubscriptionInSchema, SubscriptionSchema, VapidKeySchema
from server.services.reminders import push

blp = Blueprint("push", __name__, description="Push reminders")


@blp.route("/push/vapid-public-key", methods=["GET"])
@perm.authorize(perm.SIGNED_IN)
@blp.response(200, VapidKeySchema)
def vapid_public_key():
    """The applicationServerKey for pushManager.subscribe()."""
    return {"key": current_app.config["VAPID_PUBLIC_KEY"]}


@blp.route("/push/subscriptions", methods=["POST"])
@perm.authorize(perm.SIGNED_IN)
@blp.arguments(SubscriptionInSchema())
@blp.response(201, SubscriptionSchema)
def subscribe(body):
    """Register this device (the PushSubscription's JSON). Several devices per person are fine."""
    return push.subscribe(db_session=db.session, user=current_user, endpoint=body["endpoint"],
                          p256dh=body["keys"]["p256dh"], auth=body["keys"]["auth"])


@blp.route("/push/subscriptions", methods=["DELETE"])
@perm.authorize(perm.SIGNED_IN)
@blp.arguments(EndpointSchema())
@blp.response(204)
def unsubscribe(body):
    """Stop reminders on this device."""
    push.unsubscribe(db_session=db.session, user=current_user, endpoint=body["endpoint"])


@blp.route("/patients/<patient_ref:patient_id>/reminders", methods=["GET"])
@perm.authorize(perm.PATIENT_SELF)
@blp.response(200, RemindersSchema)
def get_reminders(patient_id):
    """Which reminders are on, and the quiet hours (local time)."""
    return push.preferences(db.session, g.patient.id)


@blp.route("/patients/<patient_ref:patient_id>/reminders", methods=["PUT"])
@perm.authorize(perm.PATIENT_SELF)
@blp.arguments(RemindersSchema())
@blp.response(200, RemindersSchema)
def put_reminders(body, patient_id):
    """Switch kinds on or off and set the quiet hours."""
    return push.set_preferences(db_session=db.session, patient_id=g.patient.id, changes=body)
