"""Learning from the news on the pages: pronunciation, Save and Say, Listen, reading level, gloss mode, My words."""

# ruff: noqa: F811

import datetime
import re

import pytest
from django.utils import timezone

from dictionary.models import KoreanGloss
from dictionary.vocabulary import Item, mark_words
from learning import review
from learning.known import known_share
from learning.models import SavedWord
from tests.comments.conftest import make_reader

# The dictionary's fixtures, used by name as test arguments.
from tests.dictionary.fixtures import seed_story, starter_glosses, wordnet_loaded  # noqa: F401
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EASY = "<p>The cat sat on the mat. The dog ran to the park. We had a good day.</p>"


@pytest.fixture
def reader(django_user_model):
    return make_reader(django_user_model, "Lee Su-jin", "sujin@example.com")


def test_word_api_gives_the_pronunciation_or_null(client, wordnet_loaded, starter_glosses):
    """The word API's JSON carries IPA for a word the CMU dictionary has, null for one it lacks."""
    assert client.get("/api/dictionary/moguls/").json()["pronunciation"] == "ˈmoʊɡəlz"
    KoreanGloss.objects.create(term="chaebolization", korean="재벌화")
    data = client.get("/api/dictionary/chaebolization/").json()
    assert data["korean"] == ["재벌화"]
    assert data["pronunciation"] is None


def test_word_page_shows_ipa_say_and_save(client, wordnet_loaded, starter_glosses):
    """The word page shows the IPA between slashes, a Say button for the form looked up and a Save button."""
    html = client.get("/dictionary/moguls/", {"context": "Chinese business moguls met."}).content.decode()
    assert '<span class="ipa"' in html and "/ˈmoʊɡəlz/</span>" in html
    assert 'data-say="moguls" hidden' in html  # listen.js shows it where the browser speaks
    assert 'data-save-word="mogul" data-form="moguls"' in html
    assert 'data-sentence="Chinese business moguls met."' in html
    assert "js/listen.js" in html and "js/words.js" in html


def test_dictionary_view_has_save_buttons_listen_and_gloss_tools(client, wordnet_loaded, starter_glosses, seed_story):
    """Each listed word has a Save button with the story and its sentence; the popover has its labels;
    Listen reads the story's text; the gloss toggles start hidden (dictionary.js shows them)."""
    html = client.get(seed_story.get_dictionary_url()).content.decode()
    vocab = html.split('aria-labelledby="vocab-heading"', 1)[1]
    saves = re.findall(r'<button type="button" class="save-word save-word--small" data-save-word="([^"]+)"', vocab)
    assert "mogul" in saves and len(saves) == vocab.count('class="vocab__item')
    assert f'data-article="{seed_story.pk}" data-sentence="' in vocab
    popover = re.search(r'<div id="lookup-popover"[^>]*>', html).group(0)
    for label in ('data-save-label="Save"', 'data-saved-label="Saved"', 'data-say-label="Say it"'):
        assert label in popover
    assert f'data-article="{seed_story.pk}"' in popover
    assert '<div class="listen" data-listen-for="#story-text"' in html
    assert '<div class="gloss-tools" role="group" aria-label="Reading aids" hidden>' in html
    assert 'data-gloss-toggle="glosses" aria-pressed="false"' in html
    assert 'data-gloss-toggle="names" aria-pressed="false"' in html


def test_dictionary_view_puts_korean_over_words_and_marks_names(client, wordnet_loaded, starter_glosses, seed_story):
    """The marked body carries each glossed word's Korean in <ruby><rt lang="ko"> and names in spans,
    all hidden until the reader turns them on (a class on the container)."""
    html = client.get(seed_story.get_dictionary_url()).content.decode()
    body = html.split('id="story-text"', 1)[1].split('aria-labelledby="vocab-heading"', 1)[0]
    assert 'class="story__body glossable"' in html
    ruby = r'<ruby class="gloss"><a class="lookup" [^>]*data-term="mogul"[^>]*>moguls</a><rt lang="ko">거물</rt>'
    assert re.search(ruby, body)
    assert '<span class="name">Alibaba</span>' in body
    assert '<span class="name">business</span>' not in body


def test_mark_words_leaves_links_alone_and_needs_a_capital_for_a_name():
    """A name inside an existing link is not wrapped; a lowercase "apple" is a fruit, not the company."""
    items = [Item(term="mogul", form="moguls", sentence="", korean=["거물"])]
    html = '<p>Apple moguls ate an apple. <a href="/x">Apple</a> moguls.</p>'
    marked = mark_words(html, items, {"apple"})
    assert marked.count('<span class="name">Apple</span>') == 1
    assert "ate an apple" in marked
    assert marked.count("<ruby") == 1
    assert mark_words(html, [], set()) == html
    assert mark_words(html, [], {"apple"}).count('<span class="name">') == 1
    assert "<span" not in mark_words(html, items, set())


def test_story_page_shows_level_listen_and_the_recorded_reading(client, seed_story):
    """The story shows its band and minutes, a Listen control, and an audio player when it has a recording;
    the podcast feed is announced in the head."""
    url = seed_story.get_absolute_url()
    html = client.get(url).content.decode()
    label = re.search(r'<span class="reading-level"[^>]*>(.*?min)</span>', html, re.S)
    assert re.sub(r"<[^>]+>", " ", label.group(1)).split() == ["Reading", "level", seed_story.level, "·", "2", "min"]
    assert '<div class="listen" data-listen-for="#story-body"' in html and 'id="story-body"' in html
    assert "<audio" not in html
    podcast = r'<link rel="alternate" type="application/rss\+xml" title="[^"]+: stories read aloud \(podcast\)"'
    assert re.search(podcast + ' href="/feeds/audio/">', html)
    seed_story.audio = "audio/2014/08/reading.mp3"  # as the desk attaches one: a save, which the pages see at once
    seed_story.save()
    html = client.get(url).content.decode()
    assert '<audio controls preload="none" src="/media/audio/2014/08/reading.mp3">' in html


def test_section_filters_by_level_and_keeps_it_across_pages(client, settings, seed_story):
    """`?level=` narrows a section; the band links mark the current one; "Any level" clears; the
    pager keeps the level."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_SIZE": 2}
    easy = [ArticleFactory(section=seed_story.section, body=EASY) for _ in range(3)]
    assert {story.level for story in easy} == {"A2"} and seed_story.level != "A2"
    url = seed_story.section.get_absolute_url()
    html = client.get(url, {"level": "a2"}).content.decode()
    assert seed_story.headline not in html and easy[-1].headline in html
    assert '<a href="?level=A2" aria-current="true">A2</a>' in html
    assert '<a href="?">Any level</a>' in html
    pager = re.search(r'rel="next" href="([^"]+)"', html).group(1)
    assert "level=a2" in pager.lower()
    response = client.get(url, {"level": seed_story.level})
    assert [a.pk for a in response.context["page"].object_list] == [seed_story.pk]
    assert f'<a href="?level={seed_story.level}" aria-current="true">' in response.content.decode()


def test_month_archive_filters_by_level_and_an_empty_level_is_an_empty_list(client, seed_story):
    """A month at a level lists its stories of that level; a level with none there is a 200 saying so."""
    url = f"/{seed_story.pub_date.year}/{seed_story.pub_date.month:02d}/"
    assert seed_story.headline in client.get(url, {"level": seed_story.level}).content.decode()
    other = "C2" if seed_story.level != "C2" else "A2"
    response = client.get(url, {"level": other})
    assert response.status_code == 200
    assert "No stories at this reading level on these dates." in response.content.decode()
    assert client.get("/2014/07/", {"level": other}).status_code == 200
    assert client.get("/2014/07/").status_code == 404


def test_year_archive_filters_by_level_and_its_links_keep_it(client, seed_story):
    """The year page has the sections' level filter; at a level its month counts are of that level's
    stories, and its month and neighbouring-year links keep the level. A band that is not one gives
    the whole year, as a section does."""
    ArticleFactory(body=EASY, published_at=datetime.datetime(2014, 3, 5, 9, tzinfo=datetime.UTC))
    ArticleFactory(body=EASY, published_at=datetime.datetime(2014, 8, 5, 9, tzinfo=datetime.UTC))
    whole = client.get("/2014/")
    assert [n for _, n in whole.context["counts"]] == [1, 2]
    assert '<a href="?level=A2">A2</a>' in whole.content.decode()
    assert '<a href="?" aria-current="true">Any level</a>' in whole.content.decode()
    html = client.get("/2014/", {"level": seed_story.level}).content.decode()
    assert f'<a href="?level={seed_story.level}" aria-current="true">{seed_story.level}</a>' in html
    assert f'href="/2014/08/?level={seed_story.level}"' in html and 'href="/2014/03/' not in html
    assert f'rel="prev" href="/2013/?level={seed_story.level}"' in html
    easy = client.get("/2014/", {"level": "a2"})
    assert [(d.month, n) for d, n in easy.context["counts"]] == [(3, 1), (8, 1)]
    none = client.get("/2013/", {"level": "a2"})
    assert none.status_code == 200 and "No stories at this reading level on these dates." in none.content.decode()
    for bad in ("Z9", "", "A2' OR 1=1", "%00"):
        response = client.get("/2014/", {"level": bad})
        assert response.status_code == 200 and response.context["counts"] == whole.context["counts"]
        assert response.context["level_band"] is None


@pytest.mark.parametrize("url", ["/0001/", "/0001/01/", "/0001/01/01/", "/9999/", "/9999/12/", "/9999/12/31/"])
def test_the_calendar_s_ends_at_a_level_answer_as_without_one(client, seed_story, url):
    """At a level the neighbours are the calendar's; at its ends there is none: a 404, as without a level."""
    assert client.get(url).status_code == 404
    for level in ("A2", "C2", "nonsense"):
        assert client.get(url, {"level": level}).status_code == 404


def test_month_and_day_links_keep_the_level(client, seed_story):
    """At a level, a month's day links and its neighbours, and a day's, keep the level."""
    ArticleFactory(body=EASY, published_at=datetime.datetime(2014, 6, 5, 9, tzinfo=datetime.UTC))
    level = seed_story.level
    d = seed_story.pub_date
    month = client.get(f"/{d:%Y/%m}/", {"level": level}).content.decode()
    assert f'href="/{d:%Y/%m/%d}/?level={level}"' in month
    assert f'rel="prev" href="/2014/07/?level={level}"' in month  # the calendar's neighbour, at the level
    day = client.get(f"/{d:%Y/%m/%d}/", {"level": level}).content.decode()
    assert f'<a href="?level={level}" aria-current="true">{level}</a>' in day
    assert f'rel="prev" href="/{d - datetime.timedelta(days=1):%Y/%m/%d}/?level={level}"' in day
    # Unfiltered, the links are the plain addresses.
    assert 'href="/2014/06/"' in client.get(f"/{d:%Y/%m}/").content.decode()


def test_author_and_topic_pages_filter_by_level(client, seed_story):
    """An author's and a topic's stories filter by level with the same control; none at a level says so."""
    from articles.models import Topic

    person = seed_story.bylines.get().person
    easy = ArticleFactory(body=EASY, authors=[person])
    topic = Topic.objects.create(name="Alibaba")
    for story in (seed_story, easy):
        story.topics.add(topic)
    other = "C2" if seed_story.level != "C2" else "B1"
    for url in (person.get_absolute_url(), topic.get_absolute_url()):
        html = client.get(url, {"level": "A2"}).content.decode()
        assert easy.headline in html and seed_story.headline not in html
        assert '<a href="?level=A2" aria-current="true">A2</a>' in html
        assert '<a href="?">Any level</a>' in html
        assert "No stories at this reading level." in client.get(url, {"level": other}).content.decode()
        whole = client.get(url, {"level": "nonsense"})
        assert whole.status_code == 200 and len(whole.context["page"].object_list) == 2


def test_search_filters_by_level(client, seed_story):
    """Search narrows to a reading level; an unknown level is ignored with a message."""
    easy = ArticleFactory(section=seed_story.section, headline="Alibaba for all", body=EASY)
    assert easy.level != seed_story.level
    both = client.get("/search/", {"q": "Alibaba"})
    assert len(both.context["results"].hits) == 2
    one = client.get("/search/", {"q": "Alibaba", "level": easy.level})
    assert [a.headline for a in one.context["results"].hits] == ["Alibaba for all"]
    html = one.content.decode()
    assert f'<option value="{easy.level}" selected>{easy.level}</option>' in html
    assert f'aria-current="true">{easy.level}</a>' in html
    ignored = client.get("/search/", {"q": "Alibaba", "level": "Z9"})
    assert len(ignored.context["results"].hits) == 2
    assert "There is no such reading level; searching every level." in ignored.content.decode()


def test_known_share_counts_common_and_known_words_and_leaves_names_out():
    """Common words and the reader's words count as known; names count neither way."""
    story = ArticleFactory.build(headline="", dek="", body="<p>The mogul met Alibaba about the entrepreneur.</p>")
    # Six words counted (not Alibaba): the, met, about, the are common; mogul and entrepreneur are not.
    assert known_share(story, set()) == 67
    assert known_share(story, {"mogul", "entrepreneur"}) == 100


def test_a_reader_with_reviewed_words_sees_how_much_they_know(
    client, reader, wordnet_loaded, starter_glosses, seed_story
):
    """ "You know about N% of its words", explained in a tooltip, for a reader who has reviewed words only."""
    url = seed_story.get_dictionary_url()
    assert "You know about" not in client.get(url).content.decode()
    client.force_login(reader)
    word, _ = review.save_word(reader, "mogul", form="moguls", article=seed_story, sentence="x")
    assert "You know about" not in client.get(url).content.decode()
    review.answer(word, "good")
    html = client.get(url).content.decode()
    share = re.search(r'<p class="known-share" title="An estimate: [^"]+">You know about (\d+)% of its words', html)
    assert share and 50 < int(share.group(1)) < 100


def test_the_dictionary_view_for_a_reader_costs_one_query_for_the_known_share(
    client, reader, wordnet_loaded, starter_glosses, seed_story, django_assert_num_queries
):
    """Logged in, the dictionary view costs the anonymous page's 8 (kept word list, cached section tree) plus
    the session and user (2), the reader's display name (1), the words due for the menu (1) and the reviewed
    words (1)."""
    url = seed_story.get_dictionary_url()
    client.get(url)
    with django_assert_num_queries(8):
        client.get(url)
    client.force_login(reader)
    review.answer(review.save_word(reader, "mogul")[0], "good")
    with django_assert_num_queries(8 + 2 + 1 + 1 + 1):
        assert "You know about" in client.get(url).content.decode()


def test_the_readers_menu_has_my_words_with_the_due_count(client, reader):
    """The menu links to My words and says how many are due; none due, no count."""
    client.force_login(reader)
    html = client.get("/").content.decode()
    assert '<a href="/accounts/words/">My words</a>' in html
    review.save_word(reader, "mogul")
    review.save_word(reader, "entrepreneur")
    SavedWord.objects.update(due=timezone.now() - datetime.timedelta(hours=1))
    html = client.get("/").content.decode()
    assert '<a href="/accounts/words/">My words <span class="account-menu__due">2 due</span></a>' in html
    assert 'data-reader="1"' in html and "js/words.js" in html
