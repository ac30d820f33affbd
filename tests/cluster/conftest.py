"""The running cluster (`make cluster`), as the topology tests see it: addresses, commands, load."""

import os
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import psycopg2
import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
STATE = ROOT / ".cluster"


def read_env(path):
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip().removeprefix("export ")
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name] = shlex.split(value)[0] if value else ""
    return values


def without_test_settings():
    """This process's environment without pytest-django's settings module, which is not the cluster's."""
    return {name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"}


class Cluster:
    def __init__(self):
        self.conf = read_env(ROOT / "deploy/cluster/cluster.env")
        self.secrets = read_env(STATE / "secrets")
        self.front = f"http://127.0.0.1:{self.conf['FRONT_PORT']}"
        self.app_ports = self.conf["APP_PORTS"].split()
        self.apps = [f"http://127.0.0.1:{port}" for port in self.app_ports]
        self.editor, self.editor_password = (STATE / "editor.txt").read_text().split(": ", 1)[1].split(" / ")
        self.editor_password = self.editor_password.strip()

    def up(self, *steps):
        """Start the named steps of deploy/cluster/up again (what runs is left as it is)."""
        env = {**without_test_settings(), "VENV": str(Path(sys.prefix))}
        subprocess.run([ROOT / "deploy/cluster/up", *steps], check=True, env=env, capture_output=True, timeout=120)

    def manage(self, code):
        """Run Python in `manage.py shell` with the cluster's settings (primary only); return its output."""
        command = f". {STATE}/env && exec {sys.executable} manage.py shell --verbosity 0 -c {shlex.quote(code)}"
        done = subprocess.run(
            ["bash", "-c", command], cwd=ROOT, env=without_test_settings(), capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def sql(self, port, query, params=()):
        """One statement as the superuser on the PostgreSQL at `port`; its first row."""
        connection = psycopg2.connect(
            host="127.0.0.1",
            port=port,
            user="postgres",
            password=self.secrets["PG_SUPERUSER_PASSWORD"],
            dbname=self.conf["DB_NAME"],
            connect_timeout=3,
        )
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(query, params)
                return cursor.fetchone() if cursor.description else None
        finally:
            connection.close()

    @property
    def primary_port(self):
        return self.conf["PG_PRIMARY_PORT"]

    @property
    def replica_port(self):
        return self.conf["PG_REPLICA_PORT"]

    def replica_clock(self):
        return self.sql(self.replica_port, "SELECT clock_timestamp()")[0]

    def replica_read_since(self, moment):
        """Whether the site's own connections (not this superuser's) queried the replica after `moment`."""
        return self.sql(
            self.replica_port,
            "SELECT coalesce(max(query_start), '-infinity') > %s FROM pg_stat_activity WHERE usename = %s",
            (moment, self.conf["DB_USER"]),
        )[0]

    def pg_ctl(self, name, action):
        subprocess.run(
            [
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                self.conf["PG_VERSION"],
                name,
                action,
                *(["-m", "fast"] if action == "stop" else []),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def login(self, base):
        """A requests session logged in to the desk at `base` as the demo editor."""
        session = requests.Session()
        session.get(f"{base}/admin/login/", timeout=10)
        response = session.post(
            f"{base}/admin/login/?next=/admin/",
            data={
                "username": self.editor,
                "password": self.editor_password,
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
                "next": "/admin/",
            },
            headers={"Referer": f"{base}/admin/login/"},
            timeout=10,
        )
        assert response.ok and "sessionid" in session.cookies, response.status_code
        return session


@pytest.fixture(scope="session")
def cluster():
    try:
        running = Cluster()
        requests.get(running.front + "/healthz", timeout=5).raise_for_status()
    except (OSError, KeyError, requests.RequestException) as exc:
        pytest.fail(f"The cluster is not running ({exc}): start it with `make cluster`.")
    return running


def load(url, *, seconds, threads=4, headers=None):
    """GET `url` (with a fresh query each time, past the micro-cache) from `threads` threads for `seconds`.

    Returns the outcome of every request: its status code, or the name of the error it met.
    """
    deadline = time.monotonic() + seconds

    def worker(number):
        outcomes, session, count = [], requests.Session(), 0
        while time.monotonic() < deadline:
            count += 1
            try:
                response = session.get(f"{url}?load={number}-{count}", headers=headers, timeout=10)
                outcomes.append(response.status_code)
            except requests.RequestException as exc:
                outcomes.append(type(exc).__name__)
        return outcomes

    with ThreadPoolExecutor(threads) as pool:
        return [outcome for outcomes in pool.map(worker, range(threads)) for outcome in outcomes]


def failures(outcomes):
    return [outcome for outcome in outcomes if not (isinstance(outcome, int) and outcome < 500)]


def wait_for(condition, *, seconds, step=0.1):
    """Poll `condition` until it is true or `seconds` pass; return how long it took (None: it never was)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(step)
    return None


class FormReader(HTMLParser):
    """The fields of the form with the given id, as a browser would submit them unchanged."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields, self.textarea, self.select = form_id, False, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if (kind in {"checkbox", "radio"} and "checked" not in attrs) or kind in {"submit", "file", "button"}:
                return
            self.fields.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select is not None and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            # As a browser does, the newline Django puts after <textarea> is not part of the value.
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "select":
            self.select = None


def form_fields(html, form_id):
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.fields
