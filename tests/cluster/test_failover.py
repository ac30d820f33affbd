"""An app server killed under load: nginx retries on the other, and takes the server back when it returns."""

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import STATE, failures, load, wait_for

pytestmark = pytest.mark.cluster


def kill_app_server(port):
    """kill -9 the gunicorn master and its workers: the server is gone as if its host had died."""
    master = int((STATE / f"run/app-{port}.pid").read_text())
    workers = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    for pid in [master, *map(int, workers)]:
        os.kill(pid, signal.SIGKILL)


def served_by(port):
    return len((STATE / f"logs/app-{port}.access.log").read_text().splitlines())


# A response whose body its server was sending when it died: nginx had passed its headers on, so no
# proxy can send it again from another server; only a request in flight on the victim can meet this.
CUT_OFF = "ChunkedEncodingError"
THREADS = 4


def test_an_app_server_killed_under_load_costs_no_request(cluster):
    """While one app server is killed, no request fails (but one the victim was sending at that instant);
    restarted, it serves again within nginx's 5 s back-off."""
    victim = cluster.app_ports[1]
    url = cluster.front + "/"
    try:
        with ThreadPoolExecutor(1) as pool:
            during = pool.submit(load, url, seconds=6, threads=THREADS)
            time.sleep(1.5)
            kill_app_server(victim)
            outcomes = during.result()
    finally:
        cluster.up("apps")
    before = served_by(victim)
    rejoined = wait_for(lambda: load(url, seconds=0.5, threads=2) and served_by(victim) > before, seconds=15)

    assert len(outcomes) > 20
    failed = failures(outcomes)
    assert [outcome for outcome in failed if outcome != CUT_OFF] == []
    assert failed.count(CUT_OFF) <= THREADS, "more responses cut off than there were requests in flight"
    assert rejoined is not None, "the restarted app server got no request through the front"
