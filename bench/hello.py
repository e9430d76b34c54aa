"""The bare Flask app every page is compared with: same server, same settings, no work."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "hello"
