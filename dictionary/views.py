from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from articles.addresses import resolve_article

from .lemmatize import normalize
from .lookup import lookup, why_missing
from .models import DictionarySource
from .vocabulary import story_dictionary

# WordNet's licence asks that its copyright notice appear with the data: shown on the index page.
WORDNET_NOTICE = (
    "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS "
    'PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. '
    "BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF "
    "MERCHANT-ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, "
    "DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER "
    "RIGHTS. The name of Princeton University or Princeton may not be used in advertising or publicity "
    "pertaining to distribution of the software and/or database."
)


def word_url(word):
    try:
        return reverse("dictionary:word", kwargs={"word": word})
    except NoReverseMatch:
        return None


@require_safe
def index(request):
    """The lookup form (also the no-JavaScript target of every lookup field), and the sources' credits."""
    query = request.GET.get("q", "")
    if query:
        target = word_url(normalize(query)) if normalize(query) else None
        if target:
            return redirect(target)
    return render(
        request,
        "dictionary/index.html",
        {
            "query": query,
            "invalid": bool(query),
            "sources": DictionarySource.objects.all(),
            "wordnet_notice": WORDNET_NOTICE,
        },
    )


@require_safe
def word_detail(request, word):
    """A word's page; `?context=` (the sentence it was met in) marks the sense that sentence uses."""
    context = request.GET.get("context", "")
    entry = lookup(word, context)
    if entry:
        return render(request, "dictionary/word_detail.html", {"entry": entry, "word": word, "context": context})
    reason, advice = why_missing(word, context)
    return render(
        request, "dictionary/word_detail.html", {"word": word, "reason": reason, "advice": advice}, status=404
    )


@require_safe
@cache_control(max_age=300, public=True)  # short: an editor may correct a gloss
def word_api(request, word):
    """A word's entry as JSON: the contract's shape; 404 with a JSON body for anything unknown.

    `?context=` (the sentence it was met in) adds `"sense"` and `"chosen": true` on that sense's entry;
    a 404 says why (`"reason"`: korean, phrase, name or unknown) and what to try (`"advice"`).
    """
    context = request.GET.get("context", "")
    entry = lookup(word, context)
    if entry is None:
        reason, advice = why_missing(word, context)
        return JsonResponse(
            {"error": "not_found", "word": word[:200], "reason": reason, "advice": advice},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(entry.as_json(), json_dumps_params={"ensure_ascii": False})


@require_safe
def article_dictionary(request, year, month, day, slug):
    article, moved = resolve_article(request, year, month, day, slug)
    if moved:
        return moved
    vocabulary, body = story_dictionary(article)
    return render(
        request,
        "dictionary/article_dictionary.html",
        {
            "article": article,
            "section": article.section,
            "vocabulary": vocabulary,
            "body": body,
            "newsroom": settings.NEWSROOM,
        },
    )
