"""The WSGI entry point for gunicorn: `gunicorn server.wsgi:app`."""
import sys

from server.app import create_app
from server.config import ConfigError

try:
    app = create_app()
except ConfigError as error:   # one line naming the variable; gunicorn then stops
    sys.exit(f"configuration error: {error}")
