"""The front server's configuration in the repository is valid, and gunicorn listens on loopback only."""

import runpy
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.skipif(not shutil.which("nginx") or not shutil.which("openssl"), reason="needs nginx and openssl")
def test_nginx_accepts_the_config(tmp_path):
    """`nginx -t` accepts deploy/nginx.conf (with a throwaway certificate in place of the real one)."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=news.example.com",
         "-keyout", tmp_path / "privkey.pem", "-out", tmp_path / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx.conf").read_text().replace("/etc/letsencrypt/live/news.example.com/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text("events {}\nhttp {\n    include site.conf;\n}\n")
    result = subprocess.run(
        ["nginx", "-t", "-p", f"{tmp_path}/", "-c", tmp_path / "nginx.conf",
         "-g", f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_nginx_limits_slow_clients_and_logins():
    """The config buffers, bounds bodies and time, rate-limits logins and sets the forwarded headers."""
    conf = (DEPLOY / "nginx.conf").read_text()
    for directive in [
        "proxy_request_buffering on;",
        "proxy_buffering on;",
        "client_max_body_size",
        "client_body_timeout",
        "client_header_timeout",
        "limit_req zone=newsroom_login",
        "proxy_set_header X-Forwarded-For $remote_addr;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
    ]:
        assert directive in conf


def test_gunicorn_binds_to_loopback():
    """gunicorn listens on 127.0.0.1 only: nothing but nginx reaches the sync workers."""
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["bind"].startswith("127.0.0.1:")
