"""Outgoing mail from the environment, as Django 6.1's MAILERS setting.

EMAIL_URL                  smtp://user:password@host:587/?tls=1 (smtps://... for implicit TLS)
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL
                           the same, one by one, when EMAIL_URL is not set
EMAIL_TIMEOUT              seconds an SMTP server may take to answer before a send fails (5)
EMAIL_FILE_PATH            development: write each message to a file in this folder
(none of these)            development (DEBUG=1): print messages on the console;
                           production: SMTP on localhost:25, a local mail server
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
SMTP = "django.core.mail.backends.smtp.EmailBackend"


# A mail server that hangs holds the worker of the reader who asked for the mail: not for long.
DEFAULT_TIMEOUT = 5


def _timeout(environ):
    try:
        return float(environ.get("EMAIL_TIMEOUT") or DEFAULT_TIMEOUT)
    except ValueError as exc:
        raise ImproperlyConfigured("EMAIL_TIMEOUT must be a number of seconds.") from exc


def _smtp(host, port, username, password, use_tls, use_ssl, timeout):
    if use_tls and use_ssl:
        raise ImproperlyConfigured("Choose TLS (STARTTLS) or SSL for outgoing mail, not both.")
    return {
        "BACKEND": SMTP,
        "OPTIONS": {
            "host": host,
            "port": port,
            "username": username,
            "password": password,
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            "timeout": timeout,
        },
    }


def _from_url(url, timeout):
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL must look like smtp://user:password@host:587/?tls=1")
    query = {key: values[-1].lower() for key, values in parse_qs(parts.query).items()}
    use_ssl = parts.scheme == "smtps" or query.get("ssl") in TRUE
    try:
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from exc
    return _smtp(
        parts.hostname,
        port or (465 if use_ssl else 587),
        unquote(parts.username or ""),
        unquote(parts.password or ""),
        not use_ssl and query.get("tls", "1") in TRUE,
        use_ssl,
        timeout,
    )


def mailer_from_environment(environ, *, debug):
    """The default mailer's configuration for these environment variables."""
    if environ.get("EMAIL_URL"):
        return _from_url(environ["EMAIL_URL"], _timeout(environ))
    if environ.get("EMAIL_HOST"):
        use_ssl = environ.get("EMAIL_USE_SSL", "").lower() in TRUE
        try:
            port = int(environ.get("EMAIL_PORT") or (465 if use_ssl else 587))
        except ValueError as exc:
            raise ImproperlyConfigured("EMAIL_PORT must be a number.") from exc
        return _smtp(
            environ["EMAIL_HOST"],
            port,
            environ.get("EMAIL_HOST_USER", ""),
            environ.get("EMAIL_HOST_PASSWORD", ""),
            not use_ssl and environ.get("EMAIL_USE_TLS", "1").lower() in TRUE,
            use_ssl,
            _timeout(environ),
        )
    if environ.get("EMAIL_FILE_PATH"):
        return {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": environ["EMAIL_FILE_PATH"]},
        }
    if debug:
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    return {"BACKEND": SMTP, "OPTIONS": {"host": "localhost", "port": 25, "timeout": _timeout(environ)}}
