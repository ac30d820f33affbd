"""The desk's login (/admin/login/) throttled per account and per address.

Staff hold publish and withdraw rights, so a password guessed is a front page lost. Failures are
counted in the cache (Redis when REDIS_URL is set: shared by every worker and kept over restarts):
after LOGIN_THROTTLE["ACCOUNT"] failures for one username, or LOGIN_THROTTLE["ADDRESS"] from one
address (the real client's, from newsroom.middleware.TrustedProxyMiddleware), within the window,
that account or address is locked out, even with the right password, until the lock expires or
someone lifts it (`manage.py unlock_login`). Readers' logins are allauth's, limited by
ACCOUNT_RATE_LIMITS in the same cache.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.urls import reverse

LOCKED_MESSAGE = (
    "Too many failed sign-ins for this account or from your address: sign-in is locked for {minutes} "
    "minutes. Try again later, or ask an editor to lift the lock."
)


def _limits():
    return settings.LOGIN_THROTTLE


def _key(kind, value, what):
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    return f"login-throttle:{what}:{kind}:{digest}"


def _subjects(username, address):
    return [("account", username), ("address", address)]


def is_locked(username, address):
    return any(cache.get(_key(kind, value, "lock")) for kind, value in _subjects(username, address) if value)


def record_failure(username, address):
    limits = _limits()
    for kind, value in _subjects(username, address):
        if not value:
            continue
        count_key = _key(kind, value, "failures")
        cache.add(count_key, 0, timeout=limits["WINDOW"])
        try:
            failures = cache.incr(count_key)
        except ValueError:  # expired between the two calls
            cache.set(count_key, failures := 1, timeout=limits["WINDOW"])
        if failures >= limits[kind.upper()]:
            cache.set(_key(kind, value, "lock"), True, timeout=limits["LOCKOUT"])


def lift(username=None, address=None):
    """Lift the lock and forget the failures of this account and/or address."""
    for kind, value in _subjects(username, address):
        if value:
            cache.delete_many([_key(kind, value, "lock"), _key(kind, value, "failures")])


def _is_desk_login(request):
    return request is not None and request.path == reverse("admin:login")


@receiver(user_login_failed, dispatch_uid="accounts.throttle.failed")
def _count_failure(sender, credentials, request=None, **kwargs):
    if _is_desk_login(request):
        record_failure(credentials.get("username"), request.META.get("REMOTE_ADDR"))


@receiver(user_logged_in, dispatch_uid="accounts.throttle.logged_in")
def _forget_failures(sender, request, user, **kwargs):
    if _is_desk_login(request):
        cache.delete(_key("account", user.get_username(), "failures"))


class AdminLoginThrottleMiddleware:
    """Refuse a locked account's or address's sign-in at the desk before its password is checked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and _is_desk_login(request)
            and is_locked(request.POST.get("username"), request.META.get("REMOTE_ADDR"))
        ):
            messages.error(request, LOCKED_MESSAGE.format(minutes=_limits()["LOCKOUT"] // 60))
            response = HttpResponseRedirect(request.get_full_path(), status=303)
            response["Retry-After"] = str(_limits()["LOCKOUT"])
            return response
        return self.get_response(request)
