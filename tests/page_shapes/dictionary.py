"""The dictionary's pages: the lookup form, a word, a word it lacks, the JSON API, a story's vocabulary."""

import itertools

from dictionary.models import DictionarySource, KoreanGloss, Word
from tests.factories import ArticleFactory
from tests.page_shapes import admin_object, page

NOT_HTML = "not an HTML page (JSON for the lookup script)"
_numbers = itertools.count(1)


def _word(lemma="mogul"):
    word, _ = Word.objects.get_or_create(
        lemma=lemma,
        defaults={
            "entries": [
                {"pos": "noun", "definition": "a very wealthy or powerful businessperson"},
                {"pos": "noun", "definition": "a bump on a ski slope"},
            ],
            "parts": "n",
            "zipf": 3.1,
        },
    )
    KoreanGloss.objects.get_or_create(term=lemma, defaults={"korean": "거물; 실력자", "note": "Business news."})
    return word


def _source():
    DictionarySource.objects.get_or_create(
        name="WordNet", defaults={"version": "3.1", "fingerprint": "0" * 64, "words": 1, "inflections": 0}
    )


@admin_object(Word)
def _admin_word():
    return _word(f"tycoon{next(_numbers)}")


@admin_object(KoreanGloss)
def _admin_gloss():
    return KoreanGloss.objects.create(term=f"make inroads {next(_numbers)}", korean="진출하다", note="A phrase.")


@admin_object(DictionarySource)
def _admin_source():
    return DictionarySource.objects.create(
        name=f"Source {next(_numbers)}", version="1.0", fingerprint="f" * 64, words=10, inflections=3
    )


@page("dictionary, the lookup form")
def index():
    _source()
    return "/dictionary/"


@page("dictionary, a lookup that is not a word")
def index_invalid():
    return "/dictionary/?q=%3C%3E%21%21"


@page("dictionary, a lookup (redirect to the word)", status=302)
def index_lookup():
    _word()
    return "/dictionary/?q=Mogul"


@page("dictionary, a word")
def word():
    return f"/dictionary/{_word().lemma}/"


@page("dictionary, a word it does not have", status=404)
def word_missing():
    return "/dictionary/zzyzxnoword/"


@page("dictionary API, a word (JSON)", unchecked_reason=NOT_HTML)
def api():
    return f"/api/dictionary/{_word().lemma}/"


@page("dictionary API, a word it does not have (JSON)", status=404, unchecked_reason=NOT_HTML)
def api_missing():
    return "/api/dictionary/no/such/word/"


@page("article, its dictionary")
def article_dictionary():
    _word()
    story = ArticleFactory(body="<p>The Alibaba mogul met the president to make inroads into Korea.</p>")
    return story.get_absolute_url() + "dictionary/"


POST_ONLY = "answers POST only (a one-click review button); a GET is refused with 405"


@page("desk, approve a suggested gloss asked with GET", status=405, staff=True, unchecked_reason=POST_ONLY)
def gloss_approve():
    gloss = KoreanGloss.objects.create(
        term=f"summit {next(_numbers)}", pos="noun", korean="정상 회담", status=KoreanGloss.Status.SUGGESTED
    )
    return f"/admin/dictionary/koreangloss/{gloss.pk}/approve/"


@page("desk, reject a suggested gloss asked with GET", status=405, staff=True, unchecked_reason=POST_ONLY)
def gloss_reject():
    gloss = KoreanGloss.objects.create(
        term=f"listing {next(_numbers)}", pos="noun", korean="상장", status=KoreanGloss.Status.SUGGESTED
    )
    return f"/admin/dictionary/koreangloss/{gloss.pk}/reject/"


@page("desk, recount the glosses' need asked with GET", status=405, staff=True, unchecked_reason=POST_ONLY)
def gloss_refresh_needs():
    return "/admin/dictionary/koreangloss/refresh-needs/"
