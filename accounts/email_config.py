"""Outgoing mail settings from the environment: EMAIL_URL, or EMAIL_HOST and its companions."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}


def smtp_settings(environ):
    """Django's EMAIL_* settings for SMTP.

    EMAIL_URL looks like smtp://user:password@host:587/?tls=1 (or smtps:// for implicit TLS);
    without it, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS and
    EMAIL_USE_SSL are read one by one.
    """
    result = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    url = environ.get("EMAIL_URL", "")
    if url:
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
            raise ImproperlyConfigured("EMAIL_URL must look like smtp://user:password@host:587/?tls=1")
        query = {key: values[-1].lower() for key, values in parse_qs(parts.query).items()}
        use_ssl = parts.scheme == "smtps" or query.get("ssl") in TRUE
        result.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=parts.port or (465 if use_ssl else 587),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=use_ssl,
            EMAIL_USE_TLS=not use_ssl and query.get("tls", "1") in TRUE,
        )
        return result
    use_ssl = environ.get("EMAIL_USE_SSL", "").lower() in TRUE
    result.update(
        EMAIL_HOST=environ["EMAIL_HOST"],
        EMAIL_PORT=int(environ.get("EMAIL_PORT") or (465 if use_ssl else 587)),
        EMAIL_HOST_USER=environ.get("EMAIL_HOST_USER", ""),
        EMAIL_HOST_PASSWORD=environ.get("EMAIL_HOST_PASSWORD", ""),
        EMAIL_USE_SSL=use_ssl,
        EMAIL_USE_TLS=not use_ssl and environ.get("EMAIL_USE_TLS", "1").lower() in TRUE,
    )
    return result
