"""An id for each request, in every log line of it, the mail ADMINS get and the response.

Its own module, free of models: the logging filter is loaded while Django sets up logging, before
any app is ready.
"""

import contextvars
import logging
import re
import secrets

REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """An id for each request: the front server's (X-Request-ID, from a trusted proxy) or a new one.
    Every log line of the request carries it (RequestIdFilter) and so does the response, so that a
    reader's "it went wrong at 10:02" can be found in the log, and in the mail ADMINS get."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = given_or_new(request.META)
        token = request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


def given_or_new(meta):
    """The id the front server gave (dropped by newsroom.middleware.believe unless it is trusted), or a new one."""
    given = meta.get("HTTP_X_REQUEST_ID", "")
    return given if REQUEST_ID.fullmatch(given) else secrets.token_hex(16)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", None) or request_id.get()
        return True
