# Newsroom. `make help` lists the targets; each line of it is a `## ` comment below.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH ?= pages
# Made once by the first `make run` or `make dev` and kept (git ignores it): a rerun keeps the
# sessions and the demo editor's password, which load_demo derives from the secret.
SECRET_FILE ?= .secret_key

# What a local site needs when nothing says otherwise: the kept secret, the local host names, and
# plain HTTP (no redirect to https, cookies not marked Secure). DATABASE_URL passes through.
LOCAL_ENV = SECRET_KEY="$${SECRET_KEY:-$$(cat $(SECRET_FILE))}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" SECURE_COOKIES="$${SECURE_COOKIES:-0}"
MANAGE = $(LOCAL_ENV) $(PY) manage.py

.PHONY: help run dev test install messages lint format migrate demo bench clean cluster cluster-test cluster-down audit

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /\1\t/' \
		| awk -F'\t' '{ printf "  make %-8s %s\n", $$1, $$2 }'

run: export DEBUG = 0
run: demo ## serve the demo as production does (DEBUG off, gunicorn, WhiteNoise) on HOST:PORT (127.0.0.1:8000)
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo "Serving on http://$(HOST):$(PORT)/"
	$(LOCAL_ENV) GUNICORN_BIND=$(HOST):$(PORT) GUNICORN_WORKERS=2 $(VENV)/bin/gunicorn -c gunicorn.conf.py newsroom.wsgi

dev: export DEBUG = 1
dev: demo ## the demo for development: DEBUG on, runserver reloading on every change
	$(MANAGE) runserver $(HOST):$(PORT)

# The suite runs on each process's local-memory cache; the page cache's leak and staleness tests run
# again with Redis as the shared cache, as the deployed workers share it, where a Redis answers here.
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
PAGE_CACHE_TESTS = tests/test_pagecache.py tests/test_kept_pages.py tests/test_canary.py tests/test_fragments.py

test: install ## ruff, makemigrations --check, the whole pytest suite, and the page cache's tests on Redis
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest
	@if $(PY) -c "import redis; redis.Redis.from_url('$(REDIS_TEST_URL)', socket_connect_timeout=1).ping()" 2>/dev/null; then \
		echo "The page cache's tests again, on Redis ($(REDIS_TEST_URL)):"; \
		REDIS_URL=$(REDIS_TEST_URL) $(VENV)/bin/pytest -q $(PAGE_CACHE_TESTS); \
	else \
		echo "SKIPPED: the page cache's tests on Redis (no Redis answers at $(REDIS_TEST_URL))"; \
	fi

install: $(VENV)/.installed messages ## the virtual environment, with requirements-dev.txt installed, and the catalogues compiled

# The Korean interface: locale/*/LC_MESSAGES/*.po compiled to the .mo files Django reads (git ignores
# them). compilemessages needs GNU gettext's msgfmt (Debian: gettext).
messages: $(VENV)/.installed ## compile the translation catalogues (locale/) into .mo files
	@command -v msgfmt >/dev/null || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null \
		|| apt-get install -y -qq gettext >/dev/null || echo "Could not install gettext (msgfmt), which compilemessages needs."
	DEBUG=1 $(PY) manage.py compilemessages --locale ko --ignore "$(VENV)" --ignore node_modules --verbosity 0

lint: install ## ruff check and ruff format --check, changing nothing
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## fix what ruff can, then format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrate: install $(SECRET_FILE) ## apply the migrations (SQLite in db.sqlite3 unless DATABASE_URL is set)
	$(MANAGE) migrate --noinput

demo: migrate ## load the demo stories, the demo editor, the dictionary and the Korean glosses (idempotent)
	$(MANAGE) load_demo
	@[ -d /usr/share/wordnet ] || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null \
		|| apt-get install -y -qq wordnet-base >/dev/null || echo "Could not install wordnet-base: the dictionary stays empty."
	$(MANAGE) load_dictionary --if-available
	$(MANAGE) import_korean_glosses

# Each script sets the environment it measures in (see its docstring).
bench: install ## print figures: bench/$(BENCH).py $(ARGS) (BENCH=pages, search, dictionary, comments_page, ...)
	$(PY) bench/$(BENCH).py $(ARGS)

# Needs the vulnerability database (PyPI's, or AUDIT_SERVICE=osv) over the network; says so when it
# cannot be reached, and exits 2 rather than claiming a clean audit (bin/audit).
audit: $(VENV)/.installed ## pip-audit requirements.lock against PyPI's advisories; exit 2 if the database is unreachable
	$(PY) bin/audit requirements.lock

# The multi-process topology on 127.0.0.1 (docs/deploying-cluster.md); state and pids in .cluster/.
cluster: install $(SECRET_FILE) ## start nginx, two app servers, worker, PostgreSQL primary + replica, pgbouncer, Redis, S3
	VENV=$(VENV) SECRET_FILE=$(SECRET_FILE) deploy/cluster/up

cluster-test: install ## run tests/cluster against the topology that `make cluster` started
	$(VENV)/bin/pytest -m cluster tests/cluster

cluster-down: ## stop everything `make cluster` started and free its ports (its data is kept)
	deploy/cluster/down

clean: ## remove the virtual environment, collected static files and tool caches (keeps the database and the secret)
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

$(PY):
	@python="$$(bin/find-python)" && "$$python" -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(PY) requirements.txt requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

$(SECRET_FILE): | $(PY)
	@umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@.new && mv $@.new $@
	@echo "Made a local SECRET_KEY in $@ (kept for the next runs; git ignores it)."
