"""Bilingual stories: the Korean version aligned to the English, imported from JSON, shown in every view."""

import datetime
import hashlib
import io
import json
import re
from pathlib import Path

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from articles import paragraphs
from articles.importers import writer
from articles.models import Article

from .dictionary.fixtures import wordnet_loaded  # noqa: F401
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "bilingual" / "night-market.json"
ENGLISH = "<p>The market opened on Friday.</p><p>Vendors expect many visitors.</p>"
KOREAN = "<p>야시장이 금요일 문을 열었다.</p><p>상인들은 많은 방문객을 기대한다.</p>"


def bilingual(**fields):
    return ArticleFactory(**{"body": ENGLISH, "headline_ko": "야시장 열어", "body_ko": KOREAN, **fields})


def imported():
    """The fixture story, imported by the command as an editor would."""
    out = io.StringIO()
    call_command("import_articles", str(FIXTURE), stdout=out, stderr=io.StringIO())
    return out.getvalue(), Article.objects.get(legacy_id="3017001")


def korean_blocks(html):
    return re.findall(r'<div class="bilingual__ko" lang="ko">(.*?)</div>', html, flags=re.S)


def test_paragraphs_are_top_level_blocks_and_loose_text():
    """Blocks are counted at the top level only (a quotation's paragraphs are one), loose text as one."""
    html = (
        "<p>One <a href='/x'>link</a>.</p>\n<blockquote><p>A</p><p>B</p></blockquote>Loose <em>text</em><h2>Head</h2>"
    )
    assert paragraphs.split(html) == [
        "<p>One <a href='/x'>link</a>.</p>",
        "<blockquote><p>A</p><p>B</p></blockquote>",
        "Loose <em>text</em>",
        "<h2>Head</h2>",
    ]
    assert paragraphs.count("") == 0


def test_pairs_follow_the_english_or_show_both_whole():
    """Aligned texts pair paragraph by paragraph; unaligned ones are one pair of whole texts."""
    assert paragraphs.pairs(ENGLISH, KOREAN) == [
        ("<p>The market opened on Friday.</p>", "<p>야시장이 금요일 문을 열었다.</p>"),
        ("<p>Vendors expect many visitors.</p>", "<p>상인들은 많은 방문객을 기대한다.</p>"),
    ]
    [(english, korean)] = paragraphs.pairs(ENGLISH, "<p>한 문단.</p>", aligned=False)
    assert (english, korean) == (ENGLISH, "<p>한 문단.</p>")


def test_a_paragraph_count_mismatch_is_refused_unless_unaligned():
    """clean() names the Korean body and both counts; marked unaligned, the same story is valid."""
    story = ArticleFactory.build(body=ENGLISH, body_ko="<p>한 문단뿐이다.</p>", section=ArticleFactory().section)
    with pytest.raises(ValidationError) as refused:
        story.full_clean(exclude=["slug"])
    assert refused.value.message_dict == {
        "body_ko": [
            "The Korean has 1 paragraph and the English 2: give each English paragraph its Korean, in order, "
            "or tick “Korean not aligned”."
        ]
    }
    story.ko_unaligned = True
    story.full_clean(exclude=["slug"])


def test_an_aligned_or_english_only_story_is_valid():
    """The same count of paragraphs, or no Korean at all, passes clean()."""
    section = ArticleFactory().section
    ArticleFactory.build(body=ENGLISH, body_ko=KOREAN, section=section).full_clean(exclude=["slug"])
    ArticleFactory.build(body=ENGLISH, section=section).full_clean(exclude=["slug"])


def test_the_korean_body_is_sanitized_on_save():
    """Script and attributes outside the allowed set leave the Korean body as they leave the English."""
    story = bilingual(body_ko='<p onclick="x()">야시장<script>alert(1)</script></p><p>둘</p>')
    story.refresh_from_db()
    assert story.body_ko == "<p>야시장</p><p>둘</p>"


def test_bilingual_queryset_is_public_stories_with_korean():
    """published().bilingual() leaves out English-only stories and unpublished bilingual ones."""
    shown = bilingual()
    ArticleFactory()
    bilingual(draft=True)
    assert list(Article.objects.published().bilingual()) == [shown]


def test_a_json_story_with_korean_is_imported_whole():
    """headline_ko, dek_ko and body_ko reach the story, four Korean paragraphs for four English."""
    out, story = imported()
    assert out.startswith(f"created {story.get_absolute_url()} ")
    assert story.headline_ko == "서울, 한강 변에서 올해 첫 야시장 열어"
    assert story.dek_ko.startswith("노점 200여 곳과")
    assert paragraphs.count(story.body_ko) == paragraphs.count(story.body) == 4
    assert not story.ko_unaligned
    story.full_clean()


def test_a_reimport_of_the_same_korean_is_unchanged_and_a_new_korean_updates(tmp_path):
    """The Korean fields are part of what a re-import compares: changed in the file, the story follows."""
    imported()
    out, _ = imported()
    assert out.startswith("unchanged ")
    changed = tmp_path / "night-market.json"
    changed.write_text(FIXTURE.read_text().replace("올해 첫 야시장 열어", "첫 야시장 개장"), encoding="utf-8")
    out = io.StringIO()
    call_command("import_articles", str(changed), stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith("updated ")
    assert Article.objects.get(legacy_id="3017001").headline_ko == "서울, 한강 변에서 첫 야시장 개장"


def test_an_editors_change_to_the_korean_is_kept_from_a_reimport():
    """An editor who corrects the Korean has changed the story: the importer leaves it alone."""
    _, story = imported()
    story.headline_ko = "서울 야시장 개장"
    story.save()
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(FIXTURE), stdout=out, stderr=err)
    assert out.getvalue().startswith("unchanged ")
    assert "left alone: an editor has changed the story" in err.getvalue()
    assert Article.objects.get(pk=story.pk).headline_ko == "서울 야시장 개장"


def test_an_english_only_storys_digest_is_what_it_was_before_the_korean_fields():
    """Stories imported before there was a Korean version keep matching digests: their re-imports
    still update them rather than taking them for an editor's work."""
    story = ArticleFactory()
    values = [getattr(story, name) for name in writer.DIGEST_FIELDS]
    values[writer.DIGEST_FIELDS.index("published_at")] = story.published_at.astimezone(datetime.UTC).isoformat()
    payload = json.dumps([values, [], []])
    assert writer.digest(story) == hashlib.sha256(payload.encode()).hexdigest()


def test_the_imported_story_is_found_by_a_korean_word(client):
    """Search finds the JSON story by a word of its Korean body, written without its particle."""
    _, story = imported()
    ArticleFactory(headline="English only story")
    response = client.get("/search/", {"q": "푸드트럭"})
    assert [a.pk for a in response.context["results"].hits] == [story.pk]


@pytest.mark.parametrize("view", ["get_absolute_url", "get_print_url", "get_dictionary_url"])
def test_every_view_of_the_imported_story_has_its_korean_paragraphs(client, view):
    """The page, print and dictionary views pair each English paragraph with its Korean, lang="ko",
    with the layout switch and its files, English only until the script applies a choice."""
    _, story = imported()
    html = client.get(getattr(story, view)()).content.decode()
    korean = korean_blocks(html)
    assert len(korean) == 4
    assert korean[0].startswith("<p>서울시는 금요일 여의도 한강공원에서")
    assert html.count('<div class="bilingual__en">') == 4
    assert '<div class="bilingual bilingual--en" data-bilingual>' in html
    assert 'aria-pressed="true">English</button>' in html
    assert "/static/js/bilingual.js" in html and "/static/css/bilingual.css" in html
    assert '<p class="bilingual__headline">서울, 한강 변에서 올해 첫 야시장 열어</p>' in html
    assert '<a href="/bilingual/">More stories in English and Korean</a>' in html


@pytest.mark.usefixtures("wordnet_loaded")
def test_the_dictionary_view_marks_words_in_the_english_paragraphs(client):
    """The dictionary view's English keeps its lookups beside the Korean."""
    _, story = imported()
    html = client.get(story.get_dictionary_url()).content.decode()
    english = re.findall(r'<div class="bilingual__en">(.*?)</div>', html, flags=re.S)
    assert len(english) == 4
    assert any('class="lookup"' in block for block in english)
    assert not any('class="lookup"' in block for block in korean_blocks(html))


def test_an_unaligned_story_shows_both_texts_whole(client):
    """Marked unaligned, the Korean is one block beside the whole English."""
    story = bilingual(body_ko="<p>하나.</p><p>둘.</p><p>셋.</p>", ko_unaligned=True)
    html = client.get(story.get_absolute_url()).content.decode()
    assert korean_blocks(html) == ["<p>하나.</p><p>둘.</p><p>셋.</p>"]


def test_an_english_only_story_has_no_bilingual_markup(client):
    """Stories without Korean are as before: no switch, no script, no stylesheet."""
    html = client.get(ArticleFactory(body=ENGLISH).get_absolute_url()).content.decode()
    assert "bilingual" not in html
    assert "<p>The market opened on Friday.</p><p>Vendors expect many visitors.</p>" in html


# The list: a page of stories with their sections (1), bylines (1), photos (1), and the navigation (1).
BILINGUAL_LIST = 4


def test_the_bilingual_list_shows_public_bilingual_stories_only(client, django_assert_num_queries):
    """/bilingual/ lists the public stories with Korean, newest first, in a fixed number of queries."""
    shown = [bilingual(headline=f"Bilingual story {n}") for n in range(3)]
    ArticleFactory(headline="English only story")
    bilingual(headline="Draft bilingual story", draft=True)
    with django_assert_num_queries(BILINGUAL_LIST):
        response = client.get("/bilingual/")
    html = response.content.decode()
    assert [a.headline for a in response.context["page"].object_list] == [s.headline for s in reversed(shown)]
    assert "English only story" not in html and "Draft bilingual story" not in html
    assert '<link rel="alternate" type="application/rss+xml" title="Stories in English and Korean (RSS)"' in html


def test_the_bilingual_feed_lists_them_with_both_headlines(client):
    """/bilingual/feed/ is RSS of the public bilingual stories, each titled in English and Korean."""
    story = bilingual(headline="Night market opens")
    ArticleFactory(headline="English only story")
    parsed = feedparser.parse(client.get("/bilingual/feed/").content)
    assert not parsed.bozo
    assert [entry.title for entry in parsed.entries] == ["Night market opens | 야시장 열어"]
    assert parsed.entries[0].link == "http://testserver" + story.get_absolute_url()
