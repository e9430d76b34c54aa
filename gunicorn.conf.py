"""gunicorn settings for factcheck: `gunicorn -c gunicorn.conf.py wsgi:app`.

Every value can be changed from the environment (GUNICORN_* below, or gunicorn's own
GUNICORN_CMD_ARGS), so the Dockerfile, the systemd unit and CI share this one file.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Where to listen. Behind a reverse proxy on the same machine keep 127.0.0.1; in a container
# 0.0.0.0 (the Dockerfile sets it).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each request has a process to itself, which is what SQLite's single writer and
# the extraction work want. 2 per core plus one, at most 8 unless told otherwise.
workers = _int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
worker_class = "sync"

# A request that runs longer than this is killed and answered 502 by the proxy. Ingesting an
# article at the size limit must finish well inside it (the limit in config.py is sized for it).
timeout = _int("GUNICORN_TIMEOUT", 60)
# On restart or HUP, a worker has this long to finish its request before it is killed.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection from the proxy stays open.
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle each worker after about this many requests (the jitter keeps them from restarting
# together), so a slow leak in a library cannot grow without bound. A new worker imports the
# whole app, about 2 s of CPU, as much as a thousand cached public pages: at 1,000 requests a
# busy server spent more CPU restarting workers than answering (bench/web.py, issue 14). At
# 10,000 the restarts cost about a tenth, and a busy worker is still renewed every few minutes.
max_requests = _int("GUNICORN_MAX_REQUESTS", 10_000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 1_000)

# The app is imported once, in the master, and each worker is a fork of it: a recycled worker
# is ready at once instead of spending those 2 s importing (in the web benchmark, workers that
# reached max_requests together stopped a busy server for about 2 s). GUNICORN_PRELOAD=0 turns
# it off (then a HUP also loads new code; with it on, deploy by restarting the service).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1").strip() not in ("0", "false", "no")


def post_fork(server, worker) -> None:
    """A forked worker must not share the master's database connections: drop them from the
    pools without closing them (the master's own stay usable). Redis clients check the process
    id themselves and reconnect."""
    app = sys.modules.get("wsgi")
    flask_app = getattr(app, "app", None)
    if flask_app is None:
        return
    from factcheck.extensions import db

    with flask_app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)


# gunicorn's control socket (for gunicornc) would sit at one path per user, $HOME/.gunicorn,
# which the service user has no write access to and which several servers on one machine would
# fight over. Signals do the same job (HUP reloads, TERM stops); GUNICORN_CONTROL_SOCKET=PATH
# turns it on.
control_socket_path = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
if control_socket_path:
    control_socket = control_socket_path
else:
    control_socket_disable = True

# Workers' heartbeat files: in memory when /dev/shm exists (containers often mount /tmp on a
# disk whose stalls would make gunicorn think a worker hung).
SHM = "/dev/shm"  # noqa: S108 (gunicorn creates its files there with mkstemp, mode 0600)
if os.path.isdir(SHM):
    worker_tmp_dir = SHM

# Access log on stdout, errors on stderr. %(L)s is the request time in seconds; the request id
# is the one the app logs with each line (LOG_FORMAT=json).
# GUNICORN_ACCESSLOG="" turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(b)s %(L)ss "%(f)s" "%(a)s" request_id=%({x-request-id}o)s'
)

# LOG_FORMAT=json: gunicorn's own lines (start-up, worker timeouts, access log) come out as the
# same JSON objects as the app's.
if os.environ.get("LOG_FORMAT", "").strip().lower() == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "factcheck.logs.JsonFormatter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
        },
        # The app's records too (logs.use_json() finds this handler and adds no second one).
        "root": {"handlers": ["stderr"], "level": "INFO"},
        "loggers": {
            "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        },
    }
