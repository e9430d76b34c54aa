#!/usr/bin/env bash
# Benchmark the extraction engine against dateparser + quantulum3 (bench/extraction.py).
# The peer packages live only in .venv-bench, built here from requirements.txt and
# bench/requirements-peer.txt; arguments are passed on (e.g. --every 2, --repeat 3, --check).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${BENCH_VENV:-.venv-bench}
stamp="$VENV/.installed"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ bench/requirements-peer.txt -nt "$stamp" ]; then
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet -r requirements.txt -r bench/requirements-peer.txt
    touch "$stamp"
fi
exec "$VENV/bin/python" bench/extraction.py "$@"
