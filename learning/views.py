"""A reader's words: the list, saving from a story, review, and the CSV export."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from articles.models import Article
from dictionary.lookup import lookup

from . import review
from .models import SavedWord

SORTS = {"newest": ["-created_at", "-pk"], "word": ["lemma", "pk"], "due": ["due", "pk"]}
SYNC_LIMIT = 200


@never_cache
@login_required
@require_safe
def word_list(request):
    """The reader's saved words with their sentences and stories, sortable."""
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "newest"
    words = SavedWord.objects.filter(user=request.user).select_related("article").order_by(*SORTS[sort])
    now = timezone.now()
    context = {"words": words, "sort": sort, "sorts": list(SORTS), "due": review.due_count(request.user, now)}
    return render(request, "learning/word_list.html", context)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "") or request.content_type == "application/json"


def _article(value):
    try:
        return Article.objects.published().get(pk=int(value))
    except (TypeError, ValueError, Article.DoesNotExist):
        return None


def _save(user, data):
    """Save the word a page sent (`word`, `form`, `article`, `sentence`) for `user`."""
    return review.save_word(
        user,
        str(data.get("word", "")),
        form=str(data.get("form", "")),
        article=_article(data.get("article")),
        sentence=str(data.get("sentence", "")),
    )


@never_cache
@require_POST
def save(request):
    """Save a word (from the popover, the story's list or the word page). JSON in, JSON out, or a form."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse({"error": "bad_request"}, status=400)
        if not isinstance(data, dict):
            return JsonResponse({"error": "bad_request"}, status=400)
    else:
        data = request.POST
    if not request.user.is_authenticated:
        # The page keeps the word in the browser instead, and sends it after the reader logs in.
        return JsonResponse({"error": "login_required"}, status=401)
    try:
        word, created = _save(request.user, data)
    except review.WordError as error:
        if _wants_json(request):
            return JsonResponse({"error": "invalid", "message": str(error)}, status=400)
        messages.error(request, str(error))
        return _back(request)
    if _wants_json(request):
        return JsonResponse({"saved": True, "created": created, "word": word.lemma}, status=201 if created else 200)
    messages.success(request, _("“%(word)s” is in your words.") % {"word": word.lemma})
    return _back(request)


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("learning:words")


@never_cache
@login_required
@require_POST
def sync(request):
    """Words a reader saved while logged out (kept in the browser) join the account."""
    try:
        items = json.loads(request.body or b"[]")
    except ValueError:
        return JsonResponse({"error": "bad_request"}, status=400)
    if not isinstance(items, list):
        return JsonResponse({"error": "bad_request"}, status=400)
    saved = 0
    for item in items[:SYNC_LIMIT]:
        if not isinstance(item, dict):
            continue
        try:
            _word, created = _save(request.user, item)
        except review.WordError:
            continue
        saved += created
    return JsonResponse({"saved": saved})


@never_cache
@login_required
@require_POST
def remove(request, pk):
    word = get_object_or_404(SavedWord, pk=pk, user=request.user)
    word.delete()
    messages.success(request, _("“%(word)s” is no longer in your words.") % {"word": word.lemma})
    return redirect("learning:words")


@never_cache
@login_required
@require_safe
def export(request):
    """The reader's words as CSV, for a spreadsheet or a flashcard program."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    today = timezone.localdate()
    response["Content-Disposition"] = f'attachment; filename="newsroom-words-{today:%Y-%m-%d}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Korean and IPA as UTF-8
    writer = csv.writer(response)
    writer.writerow(["word", "as written", "sentence", "story", "saved", "due", "reviews"])
    for word in SavedWord.objects.filter(user=request.user).select_related("article").order_by("lemma"):
        story = request.build_absolute_uri(word.article.get_absolute_url()) if word.story_is_public else ""
        writer.writerow(
            [
                word.lemma,
                word.form,
                word.shown_sentence,
                story,
                timezone.localtime(word.created_at).isoformat(),
                timezone.localtime(word.due).isoformat(),
                word.reviews,
            ]
        )
    return response


@never_cache
@login_required
def review_view(request):
    """One due card at a time: the answer is revealed, then the reader says how well they knew it."""
    if request.method == "POST":
        word = get_object_or_404(SavedWord, pk=request.POST.get("word", "0") or "0", user=request.user)
        try:
            review.answer(word, request.POST.get("rating", ""))
        except review.WordError as error:
            messages.error(request, str(error))
        return redirect("learning:review")
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    now = timezone.now()
    word = review.next_due(request.user, now)
    context = {"due": review.due_count(request.user, now), "ratings": list(review.RATINGS)}
    if word is not None:
        context["card"] = review.card_for(word)
        context["entry"] = lookup(word.lemma)
    return render(request, "learning/review.html", context)
