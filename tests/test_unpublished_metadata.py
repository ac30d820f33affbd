"""A section, person or topic with no public story is not public anywhere; nor are an unpublished
story's photo files; and a photo's replaced or deleted file leaves storage.

"No public story": the only story is a draft, scheduled for later, or withdrawn. Each case is looked
at anonymously and as a signed-in reader: page, RSS and Atom feeds, sitemaps, navigation, the topic
list and the search form's choices and filters. Then the story is published, and everything appears
(also with the page cache on, and for a scheduled story at its time, with no write at all).
"""

import datetime
import io
import re
from pathlib import Path

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone
from PIL import Image

from articles import photos
from articles.models import Article, Photo, Section, Topic, photo_upload_to

from .factories import ArticleFactory, PersonFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

NAME = "Quokkahidden"
DESCRIPTION = "Quokkablurb about the coming series"
STATES = {
    "draft": {"status": Article.Status.DRAFT, "published_at": None},
    "review": {"status": Article.Status.REVIEW, "published_at": None},
    "scheduled": {"status": Article.Status.PUBLISHED, "published_at": "future"},
    "withdrawn": {"status": Article.Status.WITHDRAWN, "published_at": "past"},
}


def when(value):
    now = timezone.now()
    return {"future": now + datetime.timedelta(days=1), "past": now - datetime.timedelta(days=2)}.get(value, value)


@pytest.fixture
def reader_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("minji", password="pw"))
    return client


@pytest.fixture
def hidden(politics):
    """A public story in Politics; a top section, a subsection of Politics, a person and a topic whose
    only story is not public (made public by each test in its own way)."""
    ArticleFactory(headline="A public story", section=politics, authors=[PersonFactory(name="Seo Ji-eun")])
    section = SectionFactory(name=f"{NAME} Desk")
    subsection = SectionFactory(name=f"{NAME} Sub", parent=politics)
    person = PersonFactory(name=f"{NAME} Reporter")
    topic = Topic.objects.create(name=f"{NAME} Topic", description=DESCRIPTION)
    in_section = ArticleFactory(headline="Hidden one", section=section, authors=[person], draft=True)
    in_section.topics.add(topic)
    in_subsection = ArticleFactory(headline="Hidden two", section=subsection, draft=True)
    return {
        "stories": [in_section, in_subsection],
        "section": section,
        "subsection": subsection,
        "person": person,
        "topic": topic,
    }


def set_state(stories, state):
    for story in stories:
        story.status = STATES[state]["status"]
        story.published_at = when(STATES[state]["published_at"])
        story.save()


def publish(stories):
    for story in stories:
        story.status = Article.Status.PUBLISHED
        story.published_at = timezone.now() - datetime.timedelta(minutes=1)
        story.save()


def addresses(hidden):
    urls = []
    for thing in (hidden["section"], hidden["subsection"], hidden["person"], hidden["topic"]):
        page = thing.get_absolute_url()
        urls += [page, page + "rss/", page + "atom/"]
    return urls


def public_text(client):
    """Everything an anonymous surface says that could name a section, person or topic."""
    urls = ["/", "/topics/", "/search/", "/search/?q=story", "/sitemap.xml", "/feeds/rss/", "/no-such-page/"]
    urls += [f"/sitemap-{name}.xml" for name in ("sections", "authors", "topics")]
    urls.append(Section.objects.get(name="Politics").get_absolute_url())
    return "\n".join(client.get(url).content.decode() for url in urls)


def assert_hidden(client, hidden):
    for url in addresses(hidden):
        response = client.get(url)
        assert response.status_code == 404, url
        assert NAME not in response.content.decode(), url
    text = public_text(client)
    assert NAME not in text and DESCRIPTION not in text
    for slug in (hidden["section"].slug, hidden["subsection"].slug, hidden["person"].slug, hidden["topic"].slug):
        assert f"/{slug}/" not in text
    search = client.get("/search/", {"q": "story", "section": hidden["section"].slug, "author": hidden["person"].slug})
    assert search.context["filters"]["section"] is None and search.context["filters"]["author"] is None
    messages = search.context["results"].messages
    assert "There is no such section; searching every section." in messages
    assert "There is no such author; searching every author." in messages
    assert NAME not in search.content.decode()


def assert_shown(client, hidden):
    for url in addresses(hidden):
        assert client.get(url).status_code == 200, url
    text = public_text(client)
    for thing in ("section", "subsection", "person", "topic"):
        assert f"http://testserver{hidden[thing].get_absolute_url()}" in text, thing  # in its sitemap
    assert hidden["section"].name in client.get("/").content.decode()  # the navigation
    assert re.search(rf'<option value="{hidden["section"].slug}">', client.get("/search/").content.decode())
    assert hidden["topic"].name in client.get("/topics/").content.decode()
    assert DESCRIPTION in client.get(hidden["topic"].get_absolute_url()).content.decode()
    politics = client.get(Section.objects.get(name="Politics").get_absolute_url())
    assert f'<a href="{hidden["subsection"].get_absolute_url()}">' in politics.content.decode()  # a subsection


@pytest.mark.parametrize("state", list(STATES))
def test_with_no_public_story_they_are_nowhere_and_published_they_appear(client, reader_client, hidden, state):
    set_state(hidden["stories"], state)
    assert_hidden(client, hidden)
    assert_hidden(reader_client, hidden)
    assert set(Section.objects.with_public_stories()) == set(Section.objects.filter(name__in=["National", "Politics"]))
    publish(hidden["stories"])
    assert_shown(client, hidden)
    assert_shown(reader_client, hidden)


@pytest.mark.page_cache
@pytest.mark.parametrize("state", ["draft", "withdrawn"])
def test_publishing_shows_them_through_the_page_cache(client, hidden, state):
    set_state(hidden["stories"], state)
    assert_hidden(client, hidden)
    assert client.get("/").get("X-Page-Cache") == "hit"  # the front page without them is kept
    publish(hidden["stories"])
    assert_shown(client, hidden)
    # And unpublished again: gone at once, though the pages with them were kept.
    assert client.get("/").get("X-Page-Cache") == "hit"
    set_state(hidden["stories"], state)
    assert_hidden(client, hidden)


@pytest.mark.page_cache
def test_a_scheduled_story_makes_them_public_at_its_time_with_no_write(client, hidden):
    at = timezone.now() + datetime.timedelta(hours=3)
    for story in hidden["stories"]:
        story.status, story.published_at = Article.Status.PUBLISHED, at
        story.save()
    assert_hidden(client, hidden)
    assert client.get("/").get("X-Page-Cache") == "hit"
    with time_machine.travel(at + datetime.timedelta(seconds=1), tick=False):
        assert_shown(client, hidden)


def test_a_parent_section_is_public_through_its_subsections(hidden):
    """A section with no story of its own is public when a section under it has a public story."""
    parent = SectionFactory(name="Empty parent")
    child = SectionFactory(name="Busy child", parent=parent)
    assert parent not in Section.objects.with_public_stories()
    ArticleFactory(section=child)
    assert {parent, child} <= set(Section.objects.with_public_stories())


def test_staff_preview_of_a_story_does_not_open_its_section(staff_client, hidden):
    """There is no preview of a section, person or topic page: staff get the 404 readers get."""
    assert staff_client.get(hidden["section"].get_absolute_url()).status_code == 404
    assert staff_client.get(f"/preview/{hidden['stories'][0].pk}/").status_code == 200


# Photos of unpublished stories


@pytest.fixture
def draft_photo():
    story = ArticleFactory(draft=True, headline="Draft with a picture")
    photo = PhotoFactory(article=story)
    photos.make_renditions(photo)
    return photo


def file_urls(photo):
    return [photo.image.url, *(url.split()[0] for url in photo.webp_srcset.split(", "))]


@pytest.mark.parametrize("state", list(STATES))
def test_an_unpublished_storys_photo_files_are_not_served(client, reader_client, staff_client, draft_photo, state):
    set_state([draft_photo.article], state)
    urls = file_urls(draft_photo)
    assert len(urls) >= 3 and all(default_storage.exists(url.removeprefix("/media/")) for url in urls)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert reader_client.get(url).status_code == 404, url
        # The desk previews the story with its pictures; the browser is told not to keep them.
        preview = staff_client.get(url)
        assert preview.status_code == 200 and "no-store" in preview["Cache-Control"], url
    publish([draft_photo.article])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == default_storage.open(url.removeprefix("/media/")).read()


def test_media_answers_only_for_files_a_public_story_uses(client, story):
    photo = story.photos.get()
    assert client.get(photo.image.url).status_code == 200
    default_storage.save("photos/orphan.jpg", ContentFile(b"not named by any photo"))
    for url in [
        "/media/photos/orphan.jpg",
        "/media/",
        "/media/../tests/settings.py",
        "/media/photos/../../settings.py",
        "/media/renditions/nothing-640w.webp",
        "/media/audio/none.mp3",
        photo.image.url + "x",
    ]:
        assert client.get(url).status_code == 404, url


def test_the_check_is_one_query(client, story, django_assert_num_queries):
    photo = story.photos.get()
    photos.make_renditions(photo)
    for url in file_urls(photo)[:2]:
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200


def test_behind_nginx_the_file_is_sent_by_nginx(client, story, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/_media/"
    photo = story.photos.get()
    response = client.get(photo.image.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_media/" + photo.image.name
    assert response["Content-Type"] == "image/jpeg" and response.content == b""
    draft = PhotoFactory(article=ArticleFactory(draft=True))
    assert client.get(draft.image.url).status_code == 404


def test_an_uploaded_photo_gets_an_unguessable_name():
    names = {photo_upload_to(None, "Kim Jong-un visits Seoul (exclusive).JPG") for _ in range(50)}
    assert len(names) == 50
    for name in names:
        assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", name), name
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}", photo_upload_to(None, "no extension"))
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}", photo_upload_to(None, "odd.ex/ten"))
    photo = PhotoFactory(article=ArticleFactory(draft=True))
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)


# Replaced and deleted files


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (700, 400), "tomato").save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


def stored(photo_name, widths):
    return [name for name in photos.stored_files(photo_name, widths) if default_storage.exists(name)]


def test_a_replaced_image_and_its_renditions_leave_storage(django_capture_on_commit_callbacks, story):
    photo = Photo.objects.get(article=story)
    photos.make_renditions(photo)
    photo = Photo.objects.get(pk=photo.pk)  # as the desk loads it
    old, widths = photo.image.name, list(photo.renditions)
    assert len(stored(old, widths)) == 1 + len(widths) >= 3
    with django_capture_on_commit_callbacks(execute=True):
        photo.image.save("new.png", png(), save=False)
        photo.caption = "A new picture"
        photo.save()
    assert stored(old, widths) == []
    assert default_storage.exists(photo.image.name)
    # A save that keeps the image keeps its file.
    with django_capture_on_commit_callbacks(execute=True):
        photo.caption = "Another caption"
        photo.save()
        Photo.objects.get(pk=photo.pk).save()
    assert default_storage.exists(photo.image.name)


def test_a_deleted_photo_or_story_takes_its_files(django_capture_on_commit_callbacks, story):
    photo = story.photos.get()
    photos.make_renditions(photo)
    name, widths = photo.image.name, list(photo.renditions)
    shared = PhotoFactory(article=ArticleFactory(draft=True))
    twin = Photo.objects.create(article=story, image=shared.image.name, position=1)
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()  # its photos go with it
    assert stored(name, widths) == []
    # A file another photo still uses stays.
    assert not Photo.objects.filter(pk=twin.pk).exists() and default_storage.exists(shared.image.name)
    with django_capture_on_commit_callbacks(execute=True):
        Photo.objects.get(pk=shared.pk).delete()
    assert not default_storage.exists(shared.image.name)


def test_nothing_is_removed_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, story):
    photo = Photo.objects.get(article=story)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        photo.delete()
    assert callbacks and default_storage.exists(photo.image.name)  # not run: nothing was committed


def test_the_documented_deployment_sends_media_only_through_the_check():
    """deploy/nginx.conf passes /media/ to the app and serves files only from an internal location,
    which is the one the documented environment names."""
    deploy = Path(__file__).resolve().parent.parent / "deploy"
    conf = (deploy / "nginx.conf").read_text()
    media = re.search(r"location /media/ \{(.*?)\n    \}", conf, re.S)[1]
    assert "proxy_pass http://newsroom;" in media and "alias" not in media
    internal = re.search(r"location /_media/ \{(.*?)\n    \}", conf, re.S)[1]
    assert "internal;" in internal and "alias /srv/newsroom/media/;" in internal
    env = (deploy / "newsroom.env.example").read_text()
    assert "MEDIA_ACCEL_REDIRECT=/_media/" in env and "SERVE_MEDIA=0" not in env
