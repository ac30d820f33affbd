"""The rate limit holds when requests for one reader arrive at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import connections

from comments.models import Comment
from comments.posting import RateLimited, post_comment

from .conftest import make_reader


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_posts_cannot_slip_past_the_limit_together(story, django_user_model, settings):
    """Eight simultaneous posts with a limit of three: exactly three are stored, five are refused.

    Each thread has its own database connection, as each gunicorn worker would.
    """
    settings.COMMENTS_RATE_LIMIT = 3
    reader = make_reader(django_user_model, "Fast Typist")
    barrier = threading.Barrier(8)
    outcomes = []

    def post(n):
        try:
            barrier.wait()
            post_comment(reader, story, f"Comment {n}")
            outcomes.append("stored")
        except RateLimited:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 5 + ["stored"] * 3
    assert Comment.objects.filter(author=reader).count() == 3
