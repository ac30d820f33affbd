"""What frames every page for a reader: search, who they are, messages, the footer's links, and the
seed story's own page (a photo lost in the import, a date without a time, the sign-off in print)."""

import datetime
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Profile
from articles.demo.loader import load
from articles.importers.records import ArticleRecord
from articles.importers.writer import write
from articles.models import Article, Correction, Topic, start_of_day
from dictionary.models import KoreanGloss
from tests.factories import ArticleFactory, PhotoFactory
from tests.page_shapes import all_shapes, client_for

pytestmark = pytest.mark.django_db

SITE_CSS = settings.BASE_DIR / "static" / "css" / "site.css"
MASTHEAD_SEARCH = re.compile(r'<form id="site-search" class="search-box" method="get" action="/search/" role="search"')


def reader(name="민아"):
    user = get_user_model().objects.create_user("mina", "mina@example.com", "pw")
    Profile.objects.create(user=user, display_name=name)
    return user


@pytest.mark.parametrize(
    "shape",
    [s for s in all_shapes() if not s.staff and s.status == 200 and not s.name.startswith("admin")],
    ids=str,
)
def test_every_reader_page_has_the_search_field(shape, client, staff_client):
    """Every HTML page a reader opens has the masthead's search field, except the print view (paper)."""
    url = shape.make()
    response = client_for(shape, client, staff_client).get(url)
    if "text/html" not in response.get("Content-Type", "") or url.endswith("/print/") or response.streaming:
        return
    html = response.content.decode()
    if html:
        assert MASTHEAD_SEARCH.search(html), f"{shape.name}: no search field at {url}"


def test_not_found_page_offers_search(client):
    """The 404 page has a search field of its own under its message, beside the masthead's."""
    html = client.get("/no-such-page/").content.decode()
    assert 'id="error-search"' in html and MASTHEAD_SEARCH.search(html)


def test_masthead_offers_log_in_and_sign_up_back_to_the_page(client, story):
    """A visitor sees "Log in / Sign up" at the top, each coming back to the page they were on."""
    html = client.get(story.get_absolute_url()).content.decode()
    here = story.get_absolute_url()
    assert f'<a href="/accounts/login/?next={here}">Log in</a>' in html
    assert f'<a href="/accounts/signup/?next={here}">Sign up</a>' in html
    assert "account-menu" not in html


def test_account_pages_do_not_send_the_reader_back_to_themselves(client):
    """On the log-in page the masthead's links carry no ?next= to the log-in page."""
    masthead = client.get("/accounts/login/").content.decode().split("</header>")[0]
    assert '<a href="/accounts/login/">Log in</a>' in masthead and "next=/accounts/" not in masthead


def test_masthead_shows_the_readers_name_and_menu(client, story):
    """Signed in, the masthead names the reader and offers their account and a log-out button."""
    client.force_login(reader("민아"))
    html = client.get(story.get_absolute_url()).content.decode()
    menu = html[html.index('<details class="account-menu">') : html.index("</details>")]
    assert "민아" in menu and 'href="/accounts/profile/"' in menu
    assert '<form method="post" action="/accounts/logout/">' in menu and "Log out" in menu
    assert "The desk" not in menu and "Sign up" not in html.split("</header>")[0]


def test_an_editor_without_a_profile_gets_a_name_and_the_desk(staff_client, story):
    """An editor's menu falls back to "Your account" and links the desk."""
    html = staff_client.get(story.get_absolute_url()).content.decode()
    menu = html[html.index('<details class="account-menu">') : html.index("</details>")]
    assert "Your account</summary>" in menu and 'href="/admin/"' in menu


def test_logging_in_shows_its_message_once_at_the_top_of_the_landing_page(client, story):
    """The "Signed in" message shows on the page the reader lands on, above the story, and not again."""
    reader()
    response = client.post(
        "/accounts/login/?next=" + story.get_absolute_url(),
        {"login": "mina@example.com", "password": "pw"},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == story.get_absolute_url()
    top = html[html.index('<main id="main"') : html.index('<article class="story')]
    assert 'class="page-messages"' in top and "Successfully signed in as 민아" in top
    assert html.count("Successfully signed in") == 1
    assert "Successfully signed in" not in client.get(story.get_absolute_url()).content.decode()


def test_signing_up_from_a_story_comes_back_to_it_with_a_welcome(client, story):
    """Sign-up with ?next returns to the story, signed in, with the message at the top."""
    response = client.post(
        "/accounts/signup/?next=" + story.get_absolute_url(),
        {
            "email": "new@example.com",
            "password1": "A-long-pass-2026",
            "password2": "A-long-pass-2026",
            "display_name": "New Reader",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == story.get_absolute_url()
    assert "New Reader</summary>" in html
    top = html[html.index('<main id="main"') : html.index('<article class="story')]
    assert "Successfully signed in as New Reader" in top


def test_the_comment_box_shows_no_messages_of_its_own(rf, story):
    """A message is not repeated inside the comment box: base.html shows it once."""
    request = rf.get(story.get_absolute_url())
    request.user = reader()
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(constants.SUCCESS, "Successfully signed in as 민아.")
    html = render_to_string(
        "articles/article_detail.html", {"article": story, "messages": get_messages(request)}, request
    )
    assert html.count("Successfully signed in") == 1
    box = html[html.index('id="comment-box"') :]
    assert "Successfully signed in" not in box


def test_logged_out_box_offers_sign_up_and_says_the_limit(client, story):
    """Logged out, "Sign up" stands beside "Log in to comment", and the 250-character limit is said."""
    html = client.get(story.get_absolute_url()).content.decode()
    box = html[html.index('id="comment-box"') :]
    assert "Log in to comment" in box
    assert f'href="/accounts/signup/?next={story.get_absolute_url()}%23comments">Sign up</a>' in box
    assert "A comment is at most 250 characters." in box


def test_footer_links_the_archive_topics_corrections_dictionary_and_search(client):
    """The footer reaches every part of the site that had no link."""
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    year = timezone.localdate().year
    for href in ("/search/", f"/{year}/", "/topics/", "/corrections/", "/dictionary/"):
        assert f'href="{href}"' in footer, href


def test_a_corrected_storys_box_links_the_corrections_page(client, story):
    """The corrections box under a story links to /corrections/."""
    Correction.objects.create(
        article=story, text="An earlier version misspelled a name.", date=datetime.date(2014, 8, 29)
    )
    html = client.get(story.get_absolute_url()).content.decode()
    box = html[html.index('class="corrections"') : html.index("</aside>")]
    assert 'href="/corrections/"' in box


def test_a_photo_lost_in_the_import_keeps_its_caption_in_a_frame(client, politics):
    """Caption without a picture: a frame says the photo is not in the archive, on screen, in print and
    in the dictionary view."""
    story = ArticleFactory(section=politics)
    PhotoFactory(article=story, image="", caption="President Park meets Jack Ma.", credit="NEWSIS")
    for url in (story.get_absolute_url(), story.get_print_url(), story.get_dictionary_url()):
        html = client.get(url).content.decode()
        figure = html[html.index('<figure class="figure') : html.index("</figure>")]
        assert "<img" not in figure, url
        assert 'class="figure__missing"' in figure and "not in the archive" in figure, url
        assert "President Park meets Jack Ma." in figure and "[NEWSIS]" in figure, url


def test_a_photo_with_its_file_has_no_missing_frame(client, story):
    """The frame is only for a lost photo."""
    PhotoFactory(article=story, caption="A picture that is here.")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "figure__missing" not in html and "<img" in html


def test_a_story_whose_time_is_unknown_shows_its_date_alone(client, story):
    """time_known off: the dateline is the date, with no made-up "12:00 a.m."."""
    midnight = start_of_day(datetime.date(2014, 8, 28))
    Article.objects.filter(pk=story.pk).update(time_known=False, published_at=midnight, updated_at=midnight)
    html = client.get(story.get_absolute_url()).content.decode()
    dateline = html.split('<p class="dateline">')[1].split("</p>")[0]
    assert dateline.startswith('<time datetime="2014-08-28">Thursday, August 28, 2014</time>')


def test_a_story_whose_time_is_known_shows_it(client, story):
    """time_known on (the default): the dateline carries the time."""
    when = datetime.datetime(2014, 8, 28, 19, 21, tzinfo=timezone.get_current_timezone())
    Article.objects.filter(pk=story.pk).update(published_at=when)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Thursday, August 28, 2014, 7:21 p.m." in html


@pytest.mark.parametrize(
    ("printed", "published", "known"),
    [
        (None, datetime.date(2014, 8, 28), False),  # --published D: a date only
        ((2014, 8, 28, 0, 0), None, False),  # the page printed only a date
        ((2014, 8, 28, 19, 21), None, True),  # the page printed a time
    ],
)
def test_the_importer_records_whether_the_time_is_known(politics, printed, published, known):
    """An import from a date alone, or from --published, marks the time unknown."""
    record = ArticleRecord(
        headline=f"Story {printed} {published}",
        sections=["National", "Politics"],
        paragraphs=["A paragraph."],
        published_at=datetime.datetime(*printed, tzinfo=timezone.get_current_timezone()) if printed else None,
    )
    outcome = write(record, source="seed.txt", published=published)
    assert Article.objects.get(pk=outcome.article.pk).time_known is known


def test_print_view_ends_with_the_sign_off_and_email(client, story):
    """The print view ends, as the original page, with the reporter's name and email."""
    html = client.get(story.get_print_url()).content.decode()
    signoff = html[html.index('<footer class="story__footer">') : html.index('<footer class="print-footer">')]
    assert "Seo Ji-eun" in signoff and "[spring@joongang.co.kr]" in signoff


def test_printing_the_article_page_hides_screen_controls():
    """The article page's print rules hide the share bar, related stories, archive links and search."""
    css = SITE_CSS.read_text()
    rules = " ".join(block for block in re.findall(r"@media print \{(.*?)\n\}", css, re.S))
    hidden = re.search(r"([^{}]*)\{ display: none !important; \}", rules).group(1)
    for selector in (".share", ".related", ".dateline-links", ".search-box", ".page-messages", ".masthead__bar"):
        assert selector in hidden, selector


def test_the_demo_tags_its_stories_with_topics(client):
    """The demo has topics, each on published stories, so topic pages have something to show."""
    load(password="pw")
    assert Topic.objects.count() >= 5
    kimjang = Topic.objects.get(name="Kimjang")
    assert kimjang.articles.filter(status=Article.Status.PUBLISHED).exists()
    html = client.get(kimjang.get_absolute_url()).content.decode()
    assert "kimjang" in html.lower() and "Families gather for kimjang" in html
    load(password="pw")
    assert kimjang.articles.count() == 1


def test_korean_glosses_are_named_in_the_plural():
    """The admin says "Korean glosses", not "Korean glosss"."""
    assert KoreanGloss._meta.verbose_name_plural == "Korean glosses"


def test_pages_declare_both_colour_schemes(client):
    """The page follows the reader's light or dark setting."""
    assert '<meta name="color-scheme" content="light dark">' in client.get("/").content.decode()


def test_the_serif_stack_reaches_a_latin_serif_before_the_korean_face():
    """DejaVu Serif comes before Nanum Myeongjo, whose wide hyphen reads as a minus sign."""
    css = SITE_CSS.read_text()
    stack = re.search(r"--serif: ([^;]+);", css).group(1)
    assert stack.index('"DejaVu Serif"') < stack.index('"Nanum Myeongjo"')


def test_the_migration_marks_imported_stories_at_midnight_as_dated_only(politics):
    """Stories imported before time_known existed: those at 00:00 get the date alone; demo stories,
    stories written in the admin and imported ones with a time keep theirs."""
    (path,) = (settings.BASE_DIR / "articles" / "migrations").glob("*_article_time_known.py")
    migration = importlib.import_module(f"articles.migrations.{path.stem}")
    midnight = start_of_day(datetime.date(2014, 8, 28))
    dated_only = ArticleFactory(section=politics, source_file="seed.txt", published_at=midnight)
    timed = ArticleFactory(
        section=politics, source_file="seed2.txt", published_at=midnight + datetime.timedelta(hours=19)
    )
    demo = ArticleFactory(section=politics, source_file="articles/demo/stories.json#x", published_at=midnight)
    written = ArticleFactory(section=politics, published_at=midnight)
    migration.mark_imported_dates(django_apps, None)
    known = dict(Article.objects.values_list("pk", "time_known"))
    assert known == {dated_only.pk: False, timed.pk: True, demo.pk: True, written.pk: True}
