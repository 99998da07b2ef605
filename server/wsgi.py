"""The WSGI entry point for gunicorn: `gunicorn server.wsgi:app`."""
import sys

from server.app import create_app
from server.config import ConfigError
from server.startup import check_serving, gunicorn_workers

APP_LOAD_ERROR = 4   # gunicorn's arbiter stops on this exit code; on others it boots the worker again, forever

try:
    app = create_app()
    check_serving(app.config, workers=gunicorn_workers())
except ConfigError as error:   # one line naming the variable; gunicorn then stops
    print(f"configuration error: {error}", file=sys.stderr, flush=True)
    sys.exit(APP_LOAD_ERROR)
