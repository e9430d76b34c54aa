# factcheck's app server: gunicorn with gunicorn.conf.py, the runtime requirements only.
#   docker build -t factcheck .
#   docker compose up          (compose.yaml: the app, PostgreSQL, Redis and a migrate step)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # The flask command must not read a .env file that happens to be in the image or a volume.
    FLASK_SKIP_DOTENV=1 \
    FLASK_APP=factcheck \
    GUNICORN_BIND=0.0.0.0:8000

WORKDIR /srv/factcheck

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install --no-compile -r requirements.txt

COPY wsgi.py gunicorn.conf.py ./
COPY factcheck ./factcheck
COPY templates ./templates

# A user without a login shell or a home of its own; it owns only the instance folder (the
# generated secret key when FACTCHECK_SECRET_KEY is not given, SQLite when DATABASE_URL is not).
RUN useradd --system --no-create-home --shell /usr/sbin/nologin factcheck \
    && mkdir -p instance && chown factcheck:factcheck instance
USER factcheck

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
