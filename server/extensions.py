"""Extensions, created unbound and wired in create_app().

The flask-smorest Api is made per app in create_app(): it keeps its app and spec on itself.
"""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from server.db import Database

db = Database()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address)
csrf = CSRFProtect()
