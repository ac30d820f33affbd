"""The desk's login (/admin/login/) throttled per account and per address.

Staff hold publish and withdraw rights, so a password guessed is a front page lost. Failures are
counted in the cache (Redis when REDIS_URL is set: shared by every worker and kept over restarts):
after LOGIN_THROTTLE["ACCOUNT"] failures for one username, or LOGIN_THROTTLE["ADDRESS"] from one
address (the real client's, from newsroom.proxies.TrustedProxyMiddleware), within the window,
that account or address is locked out, even with the right password, until the lock expires or
someone lifts it (`manage.py unlock_login`, or *Sign-in locks* in the admin). Readers' logins are allauth's, limited by
ACCOUNT_RATE_LIMITS in the same cache.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.urls import reverse

logger = logging.getLogger(__name__)

# Every lock is also written to a numbered slot, so the admin can list the locks (the lock keys
# themselves are digests). The number comes from the cache's atomic increment: no two workers
# write the same slot. Only the latest slots are read; more locks than that at once is an attack
# the lists need not show one by one (unlock_login still lifts any of them).
SLOTS_LISTED = 500
_SEQUENCE = "login-throttle:lock-sequence"

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
            _lock(kind, value, limits["LOCKOUT"])


def _lock(kind, value, seconds):
    until = time.time() + seconds
    cache.set(_key(kind, value, "lock"), until, timeout=seconds)
    cache.add(_SEQUENCE, 0, timeout=None)
    try:
        slot = cache.incr(_SEQUENCE)
    except ValueError:  # the sequence was evicted between the two calls
        cache.set(_SEQUENCE, slot := 1, timeout=None)
    cache.set(f"login-throttle:slot:{slot}", (kind, str(value), until), timeout=seconds)


def current_locks():
    """The locks in force, latest first: dicts of kind ("account" or "address"), value and until (a timestamp)."""
    last = cache.get(_SEQUENCE) or 0
    slots = cache.get_many([f"login-throttle:slot:{n}" for n in range(last, max(0, last - SLOTS_LISTED), -1)])
    candidates = {}
    for kind, value, until in sorted(slots.values(), key=lambda entry: -entry[2]):
        candidates.setdefault((kind, value), until)
    # A lock lifted (or set again) since its slot was written: the lock key has the last word.
    held = cache.get_many([_key(kind, value, "lock") for kind, value in candidates])
    return [
        {"kind": kind, "value": value, "until": held[_key(kind, value, "lock")]}
        for kind, value in candidates
        if _key(kind, value, "lock") in held
    ]


def lift(username=None, address=None, *, by=None):
    """Lift the lock and forget the failures of this account and/or address; `by` (a user) is logged."""
    for kind, value in _subjects(username, address):
        if value:
            cache.delete_many([_key(kind, value, "lock"), _key(kind, value, "failures")])
            logger.warning("Desk sign-in lock lifted for %s %r by %s", kind, value, by or "manage.py unlock_login")


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
