from django.utils.functional import SimpleLazyObject

from .review import due_count


def words(request):
    """How many of the reader's words are due, counted only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"words_due": SimpleLazyObject(lambda: due_count(user))}
