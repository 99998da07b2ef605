"""JSON API under /api/v1: parse, authorize (server.permissions), call a service, dump."""
from flask_smorest import Api  # noqa: F401 (type of the api passed in)


def register(api: Api) -> None:
    from server.api import (auth, content, crpe, diary, episodes, groups, patients, privacy, proms, push, staff,
                            training, workspace)

    for module in (auth, patients, staff, content, training, diary, groups, proms, push, episodes, crpe, privacy,
                   workspace):
        api.register_blueprint(module.blp, url_prefix="/api/v1")
