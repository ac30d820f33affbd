import datetime
import zoneinfo
from urllib.parse import unquote

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Person, Section

from .factories import ArticleFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def test_published_excludes_drafts_and_future_stories():
    """Only published stories whose time has come are public."""
    live = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)
    assert list(Article.objects.published()) == [live]


def test_scheduled_story_becomes_public_when_its_time_comes(settings):
    """No cron job: the queryset decides, so a scheduled story appears by itself."""
    soon = timezone.now() + datetime.timedelta(minutes=5)
    story = ArticleFactory(published_at=soon)
    assert not Article.objects.published().filter(pk=story.pk).exists()
    assert story.is_scheduled
    story.published_at = timezone.now() - datetime.timedelta(seconds=1)
    story.save()
    assert Article.objects.published().filter(pk=story.pk).exists()


def test_pub_date_is_the_date_in_seoul():
    """A story published at 00:30 Seoul time on 1 September belongs to 1 September (UTC says 31 August)."""
    story = ArticleFactory(published_at=datetime.datetime(2014, 9, 1, 0, 30, tzinfo=SEOUL))
    assert story.pub_date == datetime.date(2014, 9, 1)
    assert story.get_absolute_url().startswith("/2014/09/01/")


def test_slug_from_headline_and_unique_per_day_regardless_of_case():
    when = datetime.datetime(2014, 8, 28, 9, tzinfo=SEOUL)
    first = ArticleFactory(headline="Rain in Seoul", published_at=when)
    second = ArticleFactory(headline="Rain in Seoul", published_at=when)
    other_day = ArticleFactory(headline="Rain in Seoul", published_at=when + datetime.timedelta(days=1))
    assert first.slug == "rain-in-seoul"
    assert second.slug == "rain-in-seoul-2"
    assert other_day.slug == "rain-in-seoul"
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(headline="x", slug="RAIN-IN-SEOUL", published_at=when)


def test_published_story_needs_a_time():
    """The database refuses a published story without a publication time."""
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)


def test_body_is_sanitized_on_save():
    story = ArticleFactory(body='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">y</a></p>')
    assert "script" not in story.body
    assert "onclick" not in story.body
    assert "javascript" not in story.body
    assert story.body.startswith("<p>Hi")


def test_korean_headline_keeps_its_letters_in_the_slug():
    story = ArticleFactory(headline="삼성전자 실적 발표")
    assert story.slug == "삼성전자-실적-발표"
    assert unquote(story.get_absolute_url()).endswith("/삼성전자-실적-발표/")


def test_section_tree_and_slugs():
    national = SectionFactory(name="National")
    politics = SectionFactory(name="Politics", parent=national)
    world_politics = SectionFactory(name="Politics", parent=SectionFactory(name="World"))
    assert str(politics) == "National › Politics"
    assert politics.slug == "politics"
    assert world_politics.slug == "world-politics"
    assert politics.ancestry() == [national, politics]
    assert set(national.descendant_ids()) == {national.pk, politics.pk}


def test_top_section_names_are_unique():
    Section.objects.create(name="Business")
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(name="Business")


def test_same_email_is_the_same_person_case_insensitively():
    PersonFactory(name="Seo Ji-eun", email="spring@joongang.co.kr")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="Seo Jieun", email="Spring@JoongAng.co.kr")
    # People without an email do not collide.
    Person.objects.create(name="Yonhap", is_agency=True)
    Person.objects.create(name="Reuters", is_agency=True)


def test_a_remembered_url_follows_the_story_when_its_address_changes():
    """The URL reversed once per object is reversed again for a new slug or date on the same object."""
    story = ArticleFactory(slug="old-slug", published_at=datetime.datetime(2014, 8, 28, 9, tzinfo=datetime.UTC))
    assert story.get_absolute_url() == "/2014/08/28/old-slug/"
    story.slug = "new-slug"
    story.published_at = datetime.datetime(2015, 1, 2, 9, tzinfo=datetime.UTC)
    story.save()
    assert story.get_absolute_url() == "/2015/01/02/new-slug/"
