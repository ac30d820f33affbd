"""Pin to the primary the requests that must see the newest data, and mark a writer's next requests."""

from django.conf import settings
from django.urls import reverse

from .routers import pin, unpin

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
        token = pin(pinned)
        try:
            response = self.get_response(request)
        finally:
            unpin(token)
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
