# Two commands for a newcomer: `make run` serves the app, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := factcheck
# The dev tools bring python-dotenv in: without this the flask command would read any .env file.
export FLASK_SKIP_DOTENV := 1

.PHONY: run test demo lint format bench security audit loadtest scan clean checkworthiness-model

# The app's own dependencies; `make run` needs nothing more.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Test and check tools on top (requirements-dev.txt).
$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# The web app and a job worker (factcheck/commands/worker.py); Ctrl+C stops both.
run: $(VENV)/.installed
	$(BIN)/flask init-db
	@echo "factcheck is at http://$(HOST):$(PORT)/ with a job worker (Ctrl+C stops both)"
	$(BIN)/flask run-all --host $(HOST) --port $(PORT)

test: $(VENV)/.dev-installed
	$(BIN)/pytest -q

demo: $(VENV)/.installed
	$(BIN)/flask init-db
	$(BIN)/flask demo

# One code style and the structure's rules: formatting, lint rules, the import contracts
# between packages (pyproject.toml) and types (mypy, with a shrinking baseline).
lint: $(VENV)/.dev-installed
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python .ci/mypy-baseline.py

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks, not tests: the extraction engine against its peers, check-worthiness scoring, a 1 MB
# ingest through its job, "already checked?" matching against 100,000 fact-checks, then the web
# app under gunicorn + wrk on SQLite and PostgreSQL (BENCH_SCALE=1m for a million claims).
bench: $(VENV)/.dev-installed
	bash bench/run-extraction.sh
	$(BIN)/python bench/checkworthiness.py
	$(BIN)/python bench/ingest_job.py
	$(BIN)/python bench/matching.py
	$(BIN)/python bench/web.py --scale $(or $(BENCH_SCALE),100k)
	$(BIN)/python bench/exports.py

# Rebuild the check-worthiness weight file from ../shared/eval/checkworthy/train.tsv (scikit-learn
# is a build tool only: requirements-train.txt, never requirements.txt).
checkworthiness-model: $(VENV)/.installed requirements-train.txt
	$(BIN)/pip install --quiet -r requirements-train.txt
	$(BIN)/python training/checkworthiness.py

# Static checks (bandit, project semgrep rules) and the loopback load test, as CI runs them;
# the dynamic scan (wapiti3 + sqlmap, 30-60 minutes) is not part of CI.
security:
	bash .ci/security-checks

# pip-audit --strict on both requirement files; "NOT AUDITED" when the advisory service is out of
# reach (never a silent pass).
audit:
	bash .ci/dependency-audit

loadtest: $(VENV)/.dev-installed
	$(BIN)/python .ci/loadtest.py

scan: $(VENV)/.dev-installed
	bash .ci/dynamic-scan

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache tests/artifacts
