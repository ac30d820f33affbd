"""load_demo: the project's own demo content, loaded idempotently, and the demo editor."""

import datetime
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image

from articles.demo import loader
from articles.models import Article, Byline, Person, Photo, Section
from newsroom import roles

pytestmark = pytest.mark.django_db
LOGIN = re.compile(r"^Editor login: (\S+) / (\S+)$", re.MULTILINE)
DATA = json.loads(loader.DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _media_root(settings, demo_media):
    """One media folder for the module, so the pictures are drawn once rather than in every test."""
    settings.MEDIA_ROOT = demo_media


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def table_sizes():
    return {model.__name__: model.objects.count() for model in (Article, Section, Person, Byline, Photo)}


def demo_stories():
    return Article.objects.filter(source_file__startswith=loader.SOURCE)


def test_prints_a_summary_and_the_editor_login():
    """The command says what it loaded and prints the login exactly as the contract words it."""
    output = load_demo()
    assert "Demo content: 18 stories (16 published, 1 draft, 1 scheduled) in 9 sections" in output
    assert LOGIN.search(output).group(1) == "editor"


def test_running_again_duplicates_nothing_and_changes_nothing():
    """A second run finds every story, section, person and picture it made the first time."""
    first = load_demo()
    sizes = table_sizes()
    stamps = dict(demo_stories().values_list("pk", "updated_at"))
    second = load_demo()
    assert table_sizes() == sizes
    assert dict(demo_stories().values_list("pk", "updated_at")) == stamps
    assert "0 created, 0 updated, 18 unchanged; 0 pictures drawn." in second
    # The same password both times: a second `make run` does not log the editor out.
    assert LOGIN.search(first).groups() == LOGIN.search(second).groups()


def test_the_editor_logs_in_to_the_admin_and_can_edit_stories():
    """The demo editor is staff (not a superuser) in the Editors group, and the admin works for them."""
    username, password = LOGIN.search(load_demo()).groups()
    user = get_user_model().objects.get(username=username)
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [roles.EDITORS]
    # The Editors group and nothing more: what any editor holds.
    assert not user.user_permissions.exists()
    assert user.get_all_permissions() == roles.ROLES[roles.EDITORS]

    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    # The comment queue and the site's pages too: readers' reports reach the demo's editor.
    for url in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/person/",
        "/admin/comments/comment/",
        "/admin/pages/page/",
    ]:
        assert client.get(url).status_code == 200, url
    draft = demo_stories().get(status=Article.Status.DRAFT)
    assert client.get(f"/admin/articles/article/{draft.pk}/change/").status_code == 200
    assert client.get(f"/preview/{draft.pk}/").status_code == 200


def test_a_given_password_resets_the_editors_password():
    """--password sets a new password; the old one stops working."""
    old = LOGIN.search(load_demo()).group(2)
    output = load_demo("--password", "a-new-demo-password")
    assert "Editor login: editor / a-new-demo-password" in output
    client = Client()
    assert not client.login(username="editor", password=old)
    assert client.login(username="editor", password="a-new-demo-password")


def test_published_stories_are_public_and_the_draft_and_scheduled_story_are_not():
    """Every published demo story has a live page; the draft and the scheduled story are 404 and unlisted."""
    load_demo()
    client = Client()
    public = list(Article.objects.published().filter(source_file__startswith=loader.SOURCE))
    assert len(public) == 16
    for story in public:
        assert client.get(story.get_absolute_url()).status_code == 200, story.headline
    home = client.get("/").content.decode()
    hidden = demo_stories().exclude(pk__in=[s.pk for s in public])
    assert sorted(hidden.values_list("status", flat=True)) == ["draft", "published"]  # the draft, the scheduled
    for story in hidden:
        assert client.get(story.get_absolute_url()).status_code in (302, 404)  # preview: to the login page
        assert story.headline not in home
    scheduled = hidden.get(status=Article.Status.PUBLISHED)
    assert scheduled.published_at > timezone.now()
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_dates_spread_over_recent_weeks_and_none_is_in_the_future():
    """Published times lie in the past few weeks, even when loaded early in the morning in Seoul."""
    early = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(5, 0)))
    loader.load(now=early)
    times = sorted(a.published_at for a in demo_stories().filter(status="published") if a.published_at <= early)
    assert len(times) == 16
    assert times[-1] <= early
    assert datetime.timedelta(days=14) <= times[-1] - times[0] <= datetime.timedelta(days=42)
    # Written on their day: no demo story claims to have been updated since.
    assert not any(a.was_updated for a in demo_stories().filter(status="published"))


def test_the_scheduled_story_is_rescheduled_once_its_time_has_passed():
    """Loaded again a week later, the demo still has a scheduled story; published ones keep their date."""
    now = timezone.now()
    loader.load(now=now)
    urls = {a.pk: a.get_absolute_url() for a in demo_stories().filter(published_at__lte=now)}
    later = now + datetime.timedelta(days=7)
    summary = loader.load(now=later)
    assert summary.updated == 1
    assert demo_stories().get(published_at__gt=now).published_at > later
    assert {a.pk: a.get_absolute_url() for a in demo_stories().filter(published_at__lte=now)} == urls


def test_stories_have_sections_bylines_kinds_and_photos():
    """The demo shows what the archive does: a section tree, several bylines (and a wire credit), every
    kind, deks, Korean words in the text, and photos with caption, agency credit and alt text."""
    load_demo()
    assert Section.objects.get(name="Politics").parent.name == "National"
    assert Section.objects.get(name="Industry").parent.name == "Business"
    assert Person.objects.get(name="Yonhap").is_agency
    assert Byline.objects.filter(article__in=demo_stories()).values("person").distinct().count() >= 6
    assert demo_stories().filter(bylines__position=1).exists()  # a story with two bylines
    assert set(demo_stories().values_list("kind", flat=True)) == set(Article.Kind.values)
    assert not demo_stories().filter(dek="").exists()
    assert demo_stories().filter(body__regex=r"[가-힣]").count() >= 3
    photos = Photo.objects.filter(article__in=demo_stories())
    assert photos.count() == 17
    assert not photos.filter(caption="").exists() and not photos.filter(alt_text="").exists()
    assert {"YONHAP", "NEWSIS"} <= set(photos.values_list("credit", flat=True))
    photo = photos.first()
    assert default_storage.exists(photo.image.name)
    with default_storage.open(photo.image.name) as file, Image.open(file) as image:
        assert (image.format, image.size) == ("JPEG", (photo.width, photo.height))


def test_article_page_of_a_demo_story_shows_its_photo_and_byline():
    """A demo story reads like the seed: breadcrumb, figure with caption and credit, bylines."""
    load_demo()
    story = demo_stories().get(source_file__endswith="#kimjang-cabbage-prices")
    html = Client().get(story.get_absolute_url()).content.decode()
    assert 'href="/section/national/"' in html and 'href="/section/social-affairs/"' in html
    assert "김장" in html and "[NEWSIS]" in html
    assert 'alt="Rows of volunteers' in html
    assert 'href="/people/lee-ha-yoon/"' in html


def test_a_card_does_not_repeat_its_section_as_its_kind():
    """An opinion piece in Opinion is labelled once, not "Opinion Opinion"; an editorial there says so."""
    load_demo()
    html = Client().get("/section/opinion/").content.decode()
    assert '<span class="kind kind--opinion">' not in html
    assert '<span class="kind kind--editorial">Editorial</span>' in html


@pytest.mark.parametrize("story", DATA["stories"], ids=lambda s: s["key"])
def test_each_story_in_the_data_file_is_a_real_story(story):
    """250 to 600 words in several paragraphs, a headline and a dek."""
    words = sum(len(paragraph.split()) for paragraph in story["body"])
    assert 250 <= words <= 600
    assert len(story["body"]) >= 4
    assert story["headline"] and story["dek"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["stories"][0].update(section=["Nowhere"]), "no section 'Nowhere'"),
        (lambda d: d["stories"][0].update(bylines=["Nobody"]), "no person 'Nobody'"),
        (lambda d: d["stories"][0].update(kind="gossip"), "kind must be one of"),
        (lambda d: d["stories"][1].update(key=d["stories"][0]["key"]), "the key is used twice"),
        (lambda d: d["stories"][0]["photos"][0]["art"].update(motif="noise"), "art.motif must be one of"),
    ],
)
def test_a_broken_data_file_is_named_and_nothing_is_loaded(tmp_path, change, message):
    """A mistake in stories.json is reported with the story it is in, before anything is written."""
    data = json.loads(json.dumps(DATA))
    change(data)
    path = tmp_path / "stories.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(loader.DemoDataError, match=re.escape(message)):
        loader.load(path=path)
    assert Article.objects.count() == 0


def test_a_changed_data_file_updates_its_story_in_place(tmp_path):
    """Editing a story in the file and loading again changes that story (and redraws a changed
    picture); it does not add another."""
    loader.load()
    data = json.loads(json.dumps(DATA))
    data["stories"][0]["headline"] = "A corrected headline"
    data["stories"][0]["bylines"] = ["Kim Da-eun", "Yonhap"]
    data["stories"][0]["photos"][0]["art"]["motif"] = "waves"
    path = tmp_path / "stories.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    sizes = table_sizes()
    summary = loader.load(path=path)
    assert (summary.created, summary.updated) == (0, 1)
    story = demo_stories().get(source_file__endswith="#" + data["stories"][0]["key"])
    assert story.headline == "A corrected headline"
    assert [p.name for p in story.byline_people] == ["Kim Da-eun", "Yonhap"]
    assert summary.pictures_drawn == 1  # the changed picture, drawn anew under a new name
    assert default_storage.exists(story.lead_photo.image.name)
    assert table_sizes() == {**sizes, "Byline": sizes["Byline"] + 1}


def test_the_seed_page_is_imported_with_the_demo(client):
    """The demo carries the saved page the product grew from, imported as the archive imports pages."""
    out = load_demo()
    assert "created /2014/08/28/president-meets-with-alibaba-ceo/" in out
    response = client.get("/2014/08/28/president-meets-with-alibaba-ceo/")
    assert response.status_code == 200
    assert "[NEWSIS]" in response.content.decode()
    assert "unchanged /2014/08/28/president-meets-with-alibaba-ceo/" in load_demo()


def test_in_the_demo_jack_ma_finds_the_seed_first(client):
    """A reader searching a name from the seed page lands on it as the first result, the words marked."""
    load_demo()
    response = client.get("/search/", {"q": '"Jack Ma"'})
    assert response.status_code == 200
    html = response.content.decode()
    first = html.index("/2014/08/28/president-meets-with-alibaba-ceo/")
    others = [story.get_absolute_url() for story in demo_stories()]
    assert all(first < html.index(url) for url in others if url in html)
    assert "<mark>Jack</mark>" in html or "<mark>Jack Ma</mark>" in html
