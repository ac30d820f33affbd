# Newsroom: `make run` serves the demo site, `make test` runs the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format migrate demo serve bench clean

$(PY):
	@python="$$(bin/find-python)" && "$$python" -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(PY) requirements.txt requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

# A local demo: DEBUG on, SQLite unless DATABASE_URL is set; safe to run again.
run: export DEBUG ?= 1
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo
	@[ -d /usr/share/wordnet ] || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null \
		|| apt-get install -y -qq wordnet-base >/dev/null || echo "Could not install wordnet-base: the dictionary stays empty."
	$(PY) manage.py load_dictionary --if-available
	$(PY) manage.py import_korean_glosses
	@echo "Serving on http://$(HOST):$(PORT)/"
	$(VENV)/bin/gunicorn newsroom.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

format: lint

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
