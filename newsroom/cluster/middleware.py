"""Pin to the primary the requests that must see the newest data, and mark a writer's next requests."""

import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError
from django.urls import reverse

from .routers import PrimaryReplicaRouter, pin, unpin

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class PrimaryPinMiddleware:
    """Writes, the admin, anyone with a session, and a reader who wrote in the last seconds read the primary.

    The session cookie stands for "logged in" here: it is known before the session is loaded, and
    loading it from a lagging replica is exactly what must not happen after a login.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.cookie = settings.NEWSROOM_CLUSTER["PRIMARY_PIN_COOKIE"]

    def __call__(self, request):
        writes = request.method not in SAFE_METHODS
        pinned = (
            writes
            or self.cookie in request.COOKIES
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(reverse("admin:index"))
        )
        response = self.respond(request, pinned)
        # A replica that died since its last health check fails the read it was given: if the
        # check now agrees, the reader gets the page from the primary instead of an error.
        if (
            not pinned
            and response.status_code >= 500
            and getattr(request, "database_error", False)
            and not PrimaryReplicaRouter.health.recheck()
        ):
            response = self.respond(request, pinned=True)
        if writes:
            response.set_cookie(
                self.cookie,
                "1",
                max_age=settings.NEWSROOM_CLUSTER["PRIMARY_PIN_SECONDS"],
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def respond(self, request, pinned):
        request.database_error = False
        token = pin(pinned)
        try:
            return self.get_response(request)
        finally:
            unpin(token)


def note_database_error(sender, request=None, **kwargs):
    if request is not None and isinstance(sys.exception(), DatabaseError):
        request.database_error = True


got_request_exception.connect(note_database_error, dispatch_uid="newsroom.cluster.note_database_error")
