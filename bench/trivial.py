"""The baseline: a trivial Flask route, served by gunicorn exactly like BetterBack (bench/run.py).

    gunicorn --pythonpath bench trivial:app
"""
from flask import Flask

app = Flask(__name__)


@app.get("/ping")
def ping():
    return {"ok": True, "service": "trivial"}
