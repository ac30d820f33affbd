"""What /healthz reports: the database (its status code) and the cache (a line of its body)."""

from django.core.cache import cache
from django.db import DatabaseError, connection


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def cache_ok():
    """Redis answers, where it is the cache; a local cache is always up."""
    is_up = getattr(cache, "is_up", None)  # newsroom.cache.FailOpenRedisCache
    return is_up() if is_up else True
