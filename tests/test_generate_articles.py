import datetime
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article, Byline, Photo, Section, Topic
from articles.sanitize import sanitize_html

pytestmark = pytest.mark.django_db


def generate(n, **options):
    out = StringIO()
    call_command("generate_articles", n, stdout=out, stderr=StringIO(), verbosity=0, **options)
    return out.getvalue()


def test_generates_realistic_public_stories(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = generate(60, seed=3, batch_size=25)
    assert "Created 60 stories" in out
    stories = list(Article.objects.all())
    assert len(stories) == 60
    published = [a for a in stories if a.status == Article.Status.PUBLISHED]
    assert len(published) >= 55
    today = timezone.localdate()
    for article in published:
        assert article.published_at <= timezone.now()
        assert article.pub_date == timezone.localtime(article.published_at).date()
        assert article.pub_date >= today - datetime.timedelta(days=366 * 20 + 1)
        words = len(re.sub(r"<[^>]+>", " ", article.body).split())
        assert 300 <= words <= 1500, words
        assert article.body.startswith("<p>") and sanitize_html(article.body) == article.body
        assert article.get_absolute_url().startswith(f"/{article.pub_date:%Y/%m/%d}/")
        assert article.updated_at == article.published_at  # not "updated today"
    years = {a.pub_date.year for a in published}
    assert len(years) >= 8  # spread over twenty years
    assert Byline.objects.count() >= 60
    assert Photo.objects.exists() and Photo.objects.values("image").distinct().count() <= 4
    assert (tmp_path / "photos" / "generated").is_dir()
    assert Section.objects.filter(parent=None).count() >= 5 and Topic.objects.exists()
    # Saving afterwards stamps the time as usual (the command put auto_now back).
    published[0].save()
    published[0].refresh_from_db()
    assert published[0].updated_at > timezone.now() - datetime.timedelta(minutes=1)
    # Zipfian: "the" is far more common than a mid-frequency word.
    text = " ".join(a.body for a in stories).lower()
    assert text.count(" the ") > 20 * max(1, text.count(" government "))


def test_dates_stories_in_the_newsrooms_zone(settings, tmp_path):
    """A newsroom in another zone gets URLs dated in its own zone, not Seoul's, and nothing after today."""
    settings.MEDIA_ROOT = tmp_path
    settings.TIME_ZONE = "America/Los_Angeles"
    generate(40, seed=5, batch_size=40)
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    assert published.exists()
    for article in published:
        assert article.pub_date == timezone.localtime(article.published_at).date()
        assert article.pub_date <= timezone.localdate()


def test_the_same_seed_gives_the_same_stories(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    generate(15, seed=7, until=datetime.date(2020, 1, 1))
    first = list(Article.objects.order_by("pk").values_list("headline", "body", "published_at"))
    Article.objects.all().delete()
    generate(15, seed=7, until=datetime.date(2020, 1, 1))
    again = list(Article.objects.order_by("pk").values_list("headline", "body", "published_at"))
    assert first == again
    assert all(p is None or p < datetime.datetime(2020, 1, 2, tzinfo=datetime.UTC) for _, _, p in again)


def test_bad_arguments_are_refused():
    with pytest.raises(CommandError):
        generate(0)
    with pytest.raises(CommandError):
        generate(5, until=timezone.localdate() + datetime.timedelta(days=3))


@pytest.mark.postgres
def test_the_documents_it_builds_equal_the_triggers(settings, tmp_path):
    """The body's search document built in Python equals what PostgreSQL's trigger computes."""
    settings.MEDIA_ROOT = tmp_path
    generate(25, seed=11)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_article WHERE search_vector = "
            "articles_search_summary(id, headline, dek) || articles_search_body(body)"
        )
        assert cursor.fetchone()[0] == 25


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_search_indexes_can_be_rebuilt_after_the_load(settings, tmp_path):
    """With --rebuild-search-indexes the GIN indexes are dropped for the load and exist after it
    (committed batches, as in real use: hence a transactional test)."""
    settings.MEDIA_ROOT = tmp_path
    out = generate(10, seed=5, rebuild_search_indexes=True)
    assert "Built the search indexes again" in out
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes"
            " WHERE tablename = 'articles_article' AND indexname LIKE 'article_search_%'"
        )
        assert sorted(row[0] for row in cursor.fetchall()) == ["article_search_summary", "article_search_vector"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_give_the_same_archive_as_one_process(settings, tmp_path):
    """--workers writes batches from several processes (committed, hence a transactional test):
    the same stories, numbers and documents as one process makes."""
    settings.MEDIA_ROOT = tmp_path

    def archive():
        return list(
            Article.objects.order_by("pk").values_list("headline", "body", "published_at", "search_vector")
        ), list(Byline.objects.order_by("article__headline", "position").values_list("article__headline", "person"))

    generate(23, seed=13, batch_size=5, until=datetime.date(2021, 6, 1))
    one = archive()
    Article.objects.all().delete()
    with connection.cursor() as cursor:  # the same numbers again
        cursor.execute("SELECT setval(pg_get_serial_sequence('articles_article', 'id'), 1, false)")
    out = generate(23, seed=13, batch_size=5, until=datetime.date(2021, 6, 1), workers=2)
    assert "Created 23 stories" in out
    assert archive() == one
    assert len(one[0]) == 23


def test_workers_need_postgresql():
    if connection.vendor == "postgresql":
        with pytest.raises(CommandError):
            generate(5, workers=0)
    else:
        with pytest.raises(CommandError, match="PostgreSQL"):
            generate(5, workers=2)


@pytest.mark.django_db
def test_generated_stories_have_a_reading_level():
    """generate_articles bulk-creates, bypassing save(): it gives each story its level itself."""
    call_command("generate_articles", 5, "--seed", "3", stdout=StringIO())
    assert not Article.objects.filter(level="").exists()
    assert not Article.objects.filter(reading_minutes=None).exists()
