"""The site's caches: local memory, or Redis that fails open (with Redis down the site is slower, not broken).

Django's RedisCache raises on every call while Redis is unreachable, and everything that touches
the cache (the dictionary, allauth's rate limits, the login throttle) answers 500. Here a failed
call is logged, Redis is left alone for a few seconds, and meanwhile each worker keeps its own
local-memory cache: pages are computed again, and rate limits still count, per worker, until
Redis is back.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("newsroom.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER = 5.0  # seconds without trying Redis after a failure, so no request waits on it twice


class UncheckedKeys:
    """Django checks every key of every call, character by character, for what memcached could not take
    (a warning, never an error), a few microseconds each: a kept page's hit reads three keys. This site's
    caches are local memory and Redis, which take any key, and its keys are short (long parts hashed)."""

    def validate_key(self, key):
        pass


class LocalCache(UncheckedKeys, LocMemCache):
    """Each process's own memory (the default without REDIS_URL)."""


class FailOpenRedisCache(UncheckedKeys, RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        local = {key: params[key] for key in ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION") if key in params}
        self.fallback = LocalCache(f"fail-open:{server}", local)
        self.down_until = 0.0

    def is_up(self):
        """Whether Redis answers now (for /healthz), asked of Redis itself, not the fallback."""
        try:
            return bool(self._cache.get_client(write=False).ping())
        except UNAVAILABLE:
            return False


def _fail_open(name):
    def method(self, *args, **kwargs):
        if time.monotonic() >= self.down_until:
            try:
                return getattr(RedisCache, name)(self, *args, **kwargs)
            except UNAVAILABLE as exc:
                self.down_until = time.monotonic() + RETRY_AFTER
                logger.warning("Redis unavailable, using this worker's memory for %.0f s: %s", RETRY_AFTER, exc)
        return getattr(self.fallback, name)(*args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = getattr(RedisCache, name).__doc__
    return method


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(FailOpenRedisCache, _name, _fail_open(_name))
