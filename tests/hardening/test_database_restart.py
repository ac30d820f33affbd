"""A database restart under load costs at most the requests in flight: a 503 for those, never a 500.

The test starts a PostgreSQL cluster of its own (initdb into a temporary folder, on a free port; as
the postgres user when run as root), copies the test database's schema into it, and restarts it
with `pg_ctl restart -m fast` while two threads of a separate process request pages from it. The
machine's own PostgreSQL is never touched.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pytest
from django.db import connection

from .test_faults import ROOT, closed_port

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Two threads ask for pages for SECONDS; each request is [started, ended, path, status] (monotonic
# clock, shared by the processes of one machine). Connections are kept (CONN_MAX_AGE) and checked
# before reuse (CONN_HEALTH_CHECKS), as in production.
LOAD = """
import json, sys, threading, time
import django
django.setup()
from django.db import close_old_connections, connections
from django.test import Client
until = time.monotonic() + float(sys.argv[1])
results = []
def load():
    client = Client(raise_request_exception=False)
    while time.monotonic() < until:
        for path in ("/", "/healthz", "/search/?q=budget"):
            started = time.monotonic()
            # What a WSGI server's request_started does, and the test client leaves out (it keeps the
            # test's connection): a connection the restart broke is closed, a new one is opened.
            close_old_connections()
            status = client.get(path, secure=True).status_code
            results.append([started, time.monotonic(), path, status])
    connections.close_all()
workers = [threading.Thread(target=load) for _ in range(2)]
for worker in workers:
    worker.start()
print("loading", flush=True)
for worker in workers:
    worker.join()
print(json.dumps(results))
"""

SECONDS = 6


def postgres_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return os.path.dirname(found[-1]) if found else os.path.dirname(shutil.which("pg_ctl") or "")


def as_owner(command):
    """Run a PostgreSQL server tool, which refuses to run as root: as the postgres user then."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)


@pytest.fixture
def throwaway_postgres():
    """(port, pg_ctl command prefix) of a PostgreSQL cluster started for this test, with the test schema."""
    tools = postgres_bin()
    if not os.path.exists(os.path.join(tools, "initdb")):
        pytest.skip("PostgreSQL's server tools (initdb, pg_ctl) are not installed")
    folder = tempfile.mkdtemp(prefix="newsroom-restart-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = os.path.join(folder, "data"), closed_port()
    as_owner([f"{tools}/initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"])
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    # The server's output goes to a log file: a server holding this process's pipes would hang it.
    pg_ctl = [f"{tools}/pg_ctl", "-D", data, "-o", options, "-l", os.path.join(folder, "log"), "-w", "-t", "20"]
    as_owner([*pg_ctl, "start"])
    try:
        url = f"postgres://postgres@127.0.0.1:{port}"
        subprocess.run(["psql", f"{url}/postgres", "-qc", "CREATE DATABASE newsroom"], check=True, timeout=30)
        source = connection.settings_dict
        dump = ["pg_dump", "--schema-only", "--no-owner", "-h", source["HOST"], "-p", str(source["PORT"] or 5432)]
        schema = subprocess.run(
            [*dump, "-U", source["USER"], source["NAME"]], check=True, capture_output=True, timeout=60
        ).stdout
        restore = ["psql", f"{url}/newsroom", "-q", "-v", "ON_ERROR_STOP=1"]
        subprocess.run(restore, input=schema, check=True, capture_output=True, timeout=60)
        yield port, pg_ctl
    finally:
        subprocess.run(
            ["runuser", "-u", "postgres", "--"] * (os.geteuid() == 0) + [*pg_ctl, "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


def test_a_restart_under_load_costs_only_the_requests_in_flight(throwaway_postgres):
    """No 500; 503 only for requests that overlapped the restart; every request after it succeeds."""
    port, pg_ctl = throwaway_postgres
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env |= {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/newsroom"}
    env |= {"DJANGO_SETTINGS_MODULE": "tests.settings"}
    load = subprocess.Popen(
        [sys.executable, "-c", LOAD, str(SECONDS)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    assert load.stdout.readline().strip() == "loading"
    time.sleep(SECONDS / 3)  # requests answered from kept connections before the restart
    restart_began = time.monotonic()
    as_owner([*pg_ctl, "-m", "fast", "restart"])
    restart_ended = time.monotonic()
    output, _ = load.communicate(timeout=120)
    assert load.returncode == 0
    results = json.loads(output.splitlines()[-1])

    statuses = {status for *_, status in results}
    assert statuses <= {200, 503}, statuses
    before = [r for r in results if r[1] < restart_began]
    during = [r for r in results if r[1] >= restart_began and r[0] <= restart_ended]
    after = [r for r in results if r[0] > restart_ended]
    assert before and {r[3] for r in before} == {200}
    assert {r[3] for r in after} == {200}, [r for r in after if r[3] != 200][:5]
    assert len(after) >= 10  # the pages came back on new connections, and stayed
    # The 503s are the requests in flight while the server was down: they overlapped the restart.
    assert all(r in during for r in results if r[3] == 503)
