"""Outgoing mail is configured from the environment (accounts/email_config.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.email_config import mailer_from_environment


def test_email_url_gives_smtp_with_starttls():
    mailer = mailer_from_environment({"EMAIL_URL": "smtp://news%40desk:p%40ss@mail.example.org:2525/"}, debug=False)
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] | {} == {
        "host": "mail.example.org",
        "port": 2525,
        "username": "news@desk",
        "password": "p@ss",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 5,
    }


def test_smtps_url_uses_implicit_tls_on_465():
    options = mailer_from_environment({"EMAIL_URL": "smtps://u:p@mail.example.org"}, debug=False)["OPTIONS"]
    assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)


def test_separate_variables():
    options = mailer_from_environment(
        {"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "587", "EMAIL_HOST_USER": "u", "EMAIL_HOST_PASSWORD": "p"},
        debug=True,
    )["OPTIONS"]
    assert (options["host"], options["port"], options["username"], options["use_tls"]) == (
        "smtp.example.org",
        587,
        "u",
        True,
    )


@pytest.mark.parametrize(
    "environ",
    [
        {"EMAIL_URL": "http://mail.example.org"},
        {"EMAIL_URL": "smtp://"},
        {"EMAIL_URL": "smtp://h:port/"},
        {"EMAIL_HOST": "h", "EMAIL_PORT": "x"},
    ],
)
def test_malformed_settings_fail_loudly(environ):
    with pytest.raises(ImproperlyConfigured):
        mailer_from_environment(environ, debug=False)


def test_development_prints_or_writes_files():
    assert mailer_from_environment({}, debug=True)["BACKEND"].endswith("console.EmailBackend")
    files = mailer_from_environment({"EMAIL_FILE_PATH": "var/mail"}, debug=True)
    assert files["BACKEND"].endswith("filebased.EmailBackend")
    assert files["OPTIONS"] == {"file_path": "var/mail"}


def test_production_without_settings_uses_a_local_mail_server():
    options = mailer_from_environment({}, debug=False)["OPTIONS"]
    assert (options["host"], options["port"]) == ("localhost", 25)
