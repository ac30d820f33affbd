from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


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


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not (the contract), at /healthz with no slash so
    never redirected; the body also says whether the cache answers, which only slows the site when down."""
    database = database_ok()
    body = f"{'ok' if database else 'database unavailable'}\ncache: {'ok' if cache_ok() else 'unavailable'}\n"
    return HttpResponse(body, status=200 if database else 503, content_type="text/plain")
