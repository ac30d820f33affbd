"""Cached fragments (articles.fragments) are fresh exactly when the pages are: after every write they show."""

import datetime
import time
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import fragments, levels
from articles.models import Section, Topic

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_a_new_section_is_in_the_navigation_of_the_next_page(client, story):
    """The navigation comes from the cached section tree, and a new top section is in it at once: as soon
    as it has a public story (an empty one is public nowhere, tests/test_unpublished_metadata.py)."""
    assert 'href="/section/national/"' in client.get("/").content.decode()
    weather = SectionFactory(name="Weather")
    assert 'href="/section/weather/"' not in client.get(story.get_absolute_url()).content.decode()
    ArticleFactory(headline="Snow in Seoul", section=weather)
    assert 'href="/section/weather/"' in client.get(story.get_absolute_url()).content.decode()


def test_a_renamed_section_is_renamed_everywhere_at_once(client, story, politics):
    """A rename bumps the site version: the cached tree and the related stories are built afresh."""
    ArticleFactory(headline="Same section story", section=politics)
    url = story.get_absolute_url()
    assert "Politics" in client.get(url).content.decode().split('id="related-heading"')[1]
    politics.name = "Government"
    politics.save()
    html = client.get(url).content.decode()
    assert "Government" in html.split('id="related-heading"')[1]
    assert "Government" in client.get(politics.parent.get_absolute_url()).content.decode()


def test_related_stories_are_cached_until_a_story_is_published(client, story, politics):
    """A second view of the story reads its related stories from the cache; a new story on its topic
    is among them on the very next view."""
    alibaba = Topic.objects.create(name="Alibaba")
    story.topics.add(alibaba)
    ArticleFactory(headline="Older on the section", section=politics)
    url = story.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert not [q for q in again.captured_queries if "EXISTS" in q["sql"].upper()]
    fresh = ArticleFactory(headline="Alibaba opens a Seoul office")
    fresh.topics.add(alibaba)
    related = client.get(url).content.decode().split('id="related-heading"')[1]
    assert related.index("Alibaba opens a Seoul office") < related.index("Older on the section")


def test_related_stories_do_not_outlive_the_next_scheduled_story(client, story, politics):
    """A scheduled story is among the related stories once its time comes, with no write then."""
    ArticleFactory(
        headline="Scheduled for later", section=politics, published_at=timezone.now() + datetime.timedelta(seconds=2.5)
    )
    url = story.get_absolute_url()
    assert "Scheduled for later" not in client.get(url).content.decode()
    time.sleep(3)
    assert "Scheduled for later" in client.get(url).content.decode().split('id="related-heading"')[1]


def test_the_tree_is_read_once_per_write(client, story):
    """Pages after the first read the section tree from the cache, with no query for it."""
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get(story.section.get_absolute_url())
    assert not [q for q in queries.captured_queries if 'FROM "articles_section" ORDER BY' in q["sql"]]
    assert [s.name for s in Section.tree()[None]] == ["National"]


def test_the_navigation_and_footer_are_renamed_with_a_top_section_at_once(client, story):
    """The section navigation and the footer's links are cached fragments: a rename is in both at once."""
    national = story.section.ancestry()[0]
    client.get("/")
    national.name = "Nation"
    national.save()
    html = client.get("/").content.decode()
    nav, footer = html.split('class="section-nav"')[1], html.split('class="site-footer__sections"')[1]
    assert ">Nation</a>" in nav.split("</nav>")[0] and ">Nation</a>" in footer.split("</nav>")[0]


def test_the_kept_navigation_marks_the_section_the_reader_is_in(client, story):
    """One kept navigation per place: home marked on home, the section on its page and its stories."""
    national = story.section.ancestry()[0]
    home = client.get("/").content.decode().split('class="section-nav"')[1].split("</nav>")[0]
    assert 'href="/" aria-current="page"' in home and home.count("aria-current") == 1
    page = client.get(national.get_absolute_url()).content.decode().split('class="section-nav"')[1]
    assert f'href="{national.get_absolute_url()}" aria-current="page"' in page.split("</nav>")[0]
    inside = client.get(story.get_absolute_url()).content.decode().split('class="section-nav"')[1]
    assert f'href="{national.get_absolute_url()}" aria-current="true"' in inside.split("</nav>")[0]


@pytest.fixture
def reader_client(django_user_model):
    """A logged-in reader: the page cache never keeps their pages, so each is rendered, and what they see
    of a story comes from its kept parts (articles.fragments.story_parts)."""
    client = Client()
    client.force_login(django_user_model.objects.create_user("minah", password="pw"))
    return client


def page_and_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, **headers).content.decode()
    return html, [q["sql"] for q in queries.captured_queries]


def test_a_story_page_reads_its_parts_once_per_write(reader_client, story):
    """The second view of a story reads its row, not its bylines, photos, corrections or topics, and
    shows the same story."""
    url = story.get_absolute_url()
    first, built = page_and_queries(reader_client, url)
    again, kept = page_and_queries(reader_client, url)
    assert any('"articles_byline"' in sql for sql in built) and any('"articles_photo"' in sql for sql in built)
    assert not [sql for sql in kept if any(t in sql for t in ('"articles_byline"', '"articles_photo"', "correction"))]
    story_html = again.split('<article class="story')[1].split('id="comments"')[0]
    assert story_html == first.split('<article class="story')[1].split('id="comments"')[0]
    for text in ("Seo Ji-eun", "spring@joongang.co.kr", "The president at the Blue House.", "NEWSIS"):
        assert text in story_html
    assert '<meta name="description"' in again and 'rel="canonical"' in again


def rename_person(story):
    person = story.bylines.first().person
    person.name = "Seo Ji-eun (renamed)"
    person.save()
    return "Seo Ji-eun (renamed)"


def correct(story):
    story.corrections.create(text="An earlier version misstated the date of the meeting.")
    return "misstated the date of the meeting"


def edit_headline(story):
    story.headline = "President meets Alibaba's chairman"
    story.save()
    return "President meets Alibaba&#x27;s chairman"


def tag(story):
    story.topics.add(Topic.objects.create(name="E-commerce"))
    return "E-commerce"


def recaption(story):
    photo = story.photos.first()
    photo.caption = "The president greets Jack Ma."
    photo.save()
    return "The president greets Jack Ma."


@pytest.mark.parametrize("write", [rename_person, correct, edit_headline, tag, recaption])
def test_every_write_a_story_shows_is_in_its_next_view(reader_client, client, story, write):
    """The story's kept parts are fresh after each write they show, for a logged-in reader and an
    anonymous one alike (on the very next request, not after a lifetime)."""
    url = story.get_absolute_url()
    reader_client.get(url), client.get(url)
    shown = write(story)
    for html in (reader_client.get(url).content.decode(), client.get(url).content.decode()):
        assert shown in html.split('<article class="story')[1].split('id="comments"')[0]


def test_the_kept_parts_are_per_language_and_host(reader_client, story, settings):
    """A story's parts are kept per interface language (its labels) and per host (its absolute links)."""
    settings.ALLOWED_HOSTS = ["testserver", "example.org"]
    url = story.get_absolute_url()
    english = reader_client.get(url, headers={"accept-language": "en"}).content.decode()
    korean = reader_client.get(url, headers={"accept-language": "ko"}, HTTP_COOKIE="").content.decode()

    def toolbar(html):
        return html.split('<article class="story')[1].split('class="toolbar" aria-label="')[1].split('"')[0]

    assert toolbar(english) == "Story tools" and toolbar(korean) != "Story tools"
    other = reader_client.get(url, headers={"accept-language": "en"}, HTTP_HOST="example.org").content.decode()
    assert 'rel="canonical" href="http://example.org/' in other
    assert 'rel="canonical" href="http://testserver/' in english


def test_a_preview_is_built_for_its_request_and_never_kept(staff_client, story):
    """A preview shows the story as stored, marked, with no metadata for sharing; it keeps none of its
    parts in the cache, where a public page could read them."""
    monday = timezone.now() + datetime.timedelta(days=3)
    scheduled = ArticleFactory(headline="Embargoed until Monday", section=story.section, published_at=monday)
    with mock.patch.object(fragments.cache, "set", wraps=fragments.cache.set) as kept:
        html = staff_client.get(f"/preview/{scheduled.pk}/").content.decode()
    assert "Embargoed until Monday" in html and "preview-banner" in html and 'rel="canonical"' not in html
    assert not [call for call in kept.call_args_list if f"story:{scheduled.pk}:" in call.args[0]]


# A story's card (articles.cards): its parts are kept per story, language and site version, and every
# list of stories (home, sections, authors, archives, related stories) reads them.


def cards_of(html, story):
    """The cards of `story` on a page (a story may be on two of its lists)."""
    return [
        card
        for card in html.split('<article class="card')[1:]
        if story.get_absolute_url() in card.split("</article>")[0]
    ]


def add_webp(story):
    photo = story.photos.first()
    photo.renditions = [480, 960]
    photo.save()
    return 'type="image/webp"'


def remove_photo(story):
    story.photos.all().delete()
    return None


@pytest.mark.parametrize("write", [rename_person, edit_headline, add_webp, remove_photo])
def test_every_write_a_card_shows_is_on_every_list_at_once(client, story, politics, write):
    """Each list that shows the story's card (home, its section, its author's page, its month) has the
    write on its very next view, though the card was kept from the view before."""
    ArticleFactory(headline="A neighbour on the section", section=politics)
    author = story.bylines.first().person
    when = story.pub_date
    urls = ["/", politics.get_absolute_url(), author.get_absolute_url(), f"/{when.year}/{when.month:02d}/"]
    before = {url: cards_of(client.get(url).content.decode(), story) for url in urls}
    assert all(before.values()) and "<picture>" in before[politics.get_absolute_url()][0]
    shown = write(story)
    after = {url: cards_of(client.get(url).content.decode(), story) for url in urls}
    assert all(after.values())
    for url, cards in after.items():
        for card in cards:
            if write is remove_photo:
                assert "<picture>" not in card and "card--photo" not in card, url
            elif write is add_webp:  # every card that shows the photo shows its renditions
                assert ("<picture>" in card) == (shown in card), url
            else:
                assert shown in card, url
    assert "<picture>" in after[politics.get_absolute_url()][0] or write is remove_photo


def test_a_kept_card_is_the_card_built_afresh(story, rf):
    """A card from kept parts is, byte for byte, the card built from the story's rows, with each list's
    options: the lead card with its photo not lazy, a photo card, a card with no dek, a deeper heading."""
    from articles import cards
    from articles.models import Article

    story.kind, story.dek = Article.Kind.OPINION, "Why the meeting matters & to whom"
    story.save()
    request = rf.get("/")
    request.page_cache_tags = None
    options = [
        {"show_photo": True, "lead": True, "level": "3"},
        {"show_photo": True},
        {"no_dek": True},
        {"level": "2", "show_photo": True},
    ]
    fresh = Article.objects.get(pk=story.pk)
    built = [cards.story_card(fresh, **option) for option in options]
    kept_once = cards.shape_cards(list(Article.objects.filter(pk=story.pk).card_rows()), request)
    kept = cards.shape_cards(list(Article.objects.filter(pk=story.pk).card_rows()), request)  # read back
    assert [cards.story_card(kept[0], **option) for option in options] == built
    assert [cards.story_card(kept_once[0], **option) for option in options] == built
    assert 'loading="lazy"' not in built[0] and 'loading="lazy"' in built[1]
    assert "card__dek" not in built[2] and "<h2" in built[3] and "&amp; to whom" in built[1]
    assert "Seo Ji-eun, Kim Min-ji" in built[0] and 'class="kind kind--opinion"' in built[0]


def test_the_kept_cards_are_per_language(client, story):
    """A card's date and labels are in the reader's language: the Korean home page's cards are not the
    English one's, read from the same cache."""
    english = cards_of(client.get("/", headers={"accept-language": "en"}).content.decode(), story)
    korean = cards_of(client.get("/", headers={"accept-language": "ko"}).content.decode(), story)
    again = cards_of(client.get("/", headers={"accept-language": "en"}).content.decode(), story)
    assert english == again
    assert "년" in korean[0].split('class="card__byline"')[1] and "년" not in english[0]


def test_a_story_gone_since_its_list_was_read_has_no_card(story, rf):
    """cards_by_id() of a story deleted between the list's query and its card's: no card, none kept."""
    from articles import cards

    gone = ArticleFactory(headline="Deleted a moment ago", section=story.section)
    gone_pk = gone.pk
    gone.delete()
    request = rf.get("/")
    found = cards.cards_by_id([story.pk, gone_pk], request)
    assert list(found) == [story.pk] and found[story.pk].pk == story.pk
    assert "President meets with Alibaba CEO" in cards.story_card(found[story.pk])
    assert cards.cards_by_id([gone_pk], rf.get("/")) == {}
    kept = fragments.KEY.format(name=cards.card_name(gone_pk), version=fragments.site_version())
    assert fragments.cache.get(kept, "not kept") == "not kept"


def test_a_write_builds_the_card_of_its_story_and_no_other(client, story, politics):
    """After a story is published, home builds that story's card and reads every other card kept; after a
    story is edited, only its own card is built again."""
    from articles import cards

    older = ArticleFactory(headline="Older on the section", section=politics)
    client.get("/")
    with mock.patch.object(cards, "card_parts", wraps=cards.card_parts) as built:
        fresh = ArticleFactory(headline="Just published", section=politics)
        assert "Just published" in client.get("/").content.decode()
        older.headline = "Older, corrected"
        older.save()
        assert "Older, corrected" in client.get("/").content.decode()
    assert [call.args[0].pk for call in built.call_args_list] == [fresh.pk, older.pk]


def test_a_write_that_bypasses_signals_makes_every_card_fresh(client, story):
    """QuerySet.update() sends no signal; its caller says site_changed(), and every card is built again."""
    from articles.models import Article
    from newsroom import invalidation

    client.get("/")
    Article.objects.filter(pk=story.pk).update(headline="Updated in bulk")
    invalidation.site_changed()
    assert "Updated in bulk" in cards_of(client.get("/").content.decode(), story)[0]


def test_a_cards_version_lost_from_the_cache_is_a_new_one(client, story):
    """A story's card version may be evicted (there is one per story), or never set (stories made with
    bulk_create); a missing version is a new one, so a card kept under a lost one is never read again."""
    from newsroom import pagecache

    version = pagecache.VERSION_KEY.format(f"card:{story.pk}")
    fragments.cache.delete(version)
    client.get("/")  # its card built with no version of its own
    story.headline = "Edited after"
    story.save()
    assert "Edited after" in cards_of(client.get("/").content.decode(), story)[0]
    fragments.cache.delete(version)  # evicted: the card from before the edit must not come back
    assert "Edited after" in cards_of(client.get("/").content.decode(), story)[0]


# The lists of list pages (home's, a section's, an author's, a topic's page of ids) are kept until the next
# write or scheduled publication (articles.views.home, articles.cards.page_of_cards).


def list_pages(story, topic):
    author = story.bylines.first().person
    return ["/", story.section.get_absolute_url(), author.get_absolute_url(), topic.get_absolute_url()]


@pytest.fixture
def on_a_topic(story):
    topic = Topic.objects.create(name="Alibaba")
    story.topics.add(topic)
    return topic


def test_a_story_published_is_on_every_kept_list_at_once(client, story, politics, on_a_topic):
    """Home, the section, the author's page and the topic's read their lists kept; a story published
    (a draft made public, with its byline and topic) is on each at the very next view."""
    author = story.bylines.first().person
    draft = ArticleFactory(headline="Alibaba opens a Seoul office", section=politics, draft=True, authors=[author])
    draft.topics.add(on_a_topic)
    urls = list_pages(story, on_a_topic)
    for url in urls:
        client.get(url)
        assert "Alibaba opens a Seoul office" not in client.get(url).content.decode(), url
    draft.status, draft.published_at = draft.Status.PUBLISHED, timezone.now()
    draft.save()
    for url in urls:
        assert "Alibaba opens a Seoul office" in client.get(url).content.decode(), url


def test_a_story_withdrawn_leaves_every_kept_list_at_once(client, story, on_a_topic):
    """A withdrawn story is on no list at the next view, though each list was kept with it."""
    ArticleFactory(
        headline="A neighbour on the section", section=story.section, authors=[story.bylines.first().person]
    )
    urls = list_pages(story, on_a_topic)[:3]  # its topic's page is a 404 without it (its only story)
    for url in urls:
        assert story.headline in client.get(url).content.decode(), url
    story.status = story.Status.WITHDRAWN
    story.save()
    for url in urls:
        assert story.headline not in client.get(url).content.decode(), url
    assert client.get(on_a_topic.get_absolute_url()).status_code == 404


def test_kept_lists_do_not_outlive_the_next_scheduled_story(client, story, politics, on_a_topic):
    """A scheduled story is on home and its section once its time comes, with no write then."""
    ArticleFactory(
        headline="Scheduled for later", section=politics, published_at=timezone.now() + datetime.timedelta(seconds=2.5)
    )
    urls = ["/", politics.get_absolute_url()]
    for url in urls:
        client.get(url)
        assert "Scheduled for later" not in client.get(url).content.decode(), url
    time.sleep(3)
    for url in urls:
        assert "Scheduled for later" in client.get(url).content.decode(), url


def test_each_page_and_level_of_a_list_is_kept_on_its_own(client, story, politics, settings):
    """A list is kept per cursor and reading level: the second page, and the list at a level, are their
    own lists, not the first page's; a malformed cursor is a 404, not a key."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_SIZE": 2}
    older = [
        ArticleFactory(
            headline=f"Older story {n}",
            section=politics,
            published_at=story.published_at - datetime.timedelta(days=n),
            level="B2",
        )
        for n in range(1, 4)
    ]
    url = politics.get_absolute_url()
    first = client.get(url).context["page"]
    second = client.get(url, {"before": first.next_cursor}).context["page"]
    assert [card.pk for card in second.object_list] == [older[1].pk, older[2].pk]
    assert [card.pk for card in client.get(url).context["page"].object_list] == [story.pk, older[0].pk]
    unused = next(band for band in levels.BANDS if band not in {a.level for a in [story, *older]})
    assert client.get(url, {"level": unused}).context["page"].object_list == []
    assert client.get(url, {"before": "x" * 5000}).status_code == 404


def test_the_kept_chrome_is_per_language(client, story):
    """The head's feeds and the footer's pages are kept once per interface language: a Korean page after
    an English one has them in Korean, and the English page again in English."""
    english = client.get("/", headers={"Accept-Language": "en"}).content.decode()
    korean = client.get("/", headers={"Accept-Language": "ko"}).content.decode()
    again = client.get("/", headers={"Accept-Language": "en"}).content.decode()
    assert ">About us</a>" in english and ">About us</a>" in again and ">About us</a>" not in korean
    assert "stories read aloud (podcast)" in english and "stories read aloud (podcast)" not in korean
    assert ">회사 소개</a>" in korean and ">회사 소개</a>" not in again
