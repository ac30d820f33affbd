from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from articles.addresses import resolve_article
from articles.models import Article

from .forms import CommentForm, ReportForm
from .models import Comment, CommentReport
from .pagination import cursor
from .posting import Barred, RateLimited, post_comment
from .thread import thread_context


@require_http_methods(["GET", "HEAD", "POST"])
def thread(request, year, month, day, slug):
    """A story's whole comment thread, page by page; a comment is posted here too.

    Only public stories have threads (resolve_article starts from Article.objects.published()):
    posting to a draft or a scheduled story is a 404 like any other address of it.
    """
    article, moved = resolve_article(request, year, month, day, slug)
    if moved:
        return moved
    status, form, retry_after = 200, None, None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                comment = post_comment(request.user, article, form.cleaned_data["body"])
            except Barred:
                status = 403
                messages.error(request, _("The editors have barred your account from commenting."))
            except RateLimited as limited:
                status, retry_after = 429, limited.window
                form.add_error(
                    None,
                    ngettext(
                        "You can post %(limit)s comment every %(window)s seconds. Please wait a moment and "
                        "post again: your text is still here.",
                        "You can post %(limit)s comments every %(window)s seconds. Please wait a moment and "
                        "post again: your text is still here.",
                        limited.limit,
                    )
                    % {"limit": limited.limit, "window": limited.window},
                )
            else:
                if comment.status == Comment.Status.PUBLISHED:
                    messages.success(request, _("Your comment is published."))
                    return redirect(comment.get_absolute_url())
                messages.success(request, _("Thank you. Your comment will appear once an editor has approved it."))
                return redirect(article.get_absolute_url() + "#comments")
        else:
            status = 400
    context = thread_context(
        request, article, form=form, before=cursor(request.GET.get("before")), after=cursor(request.GET.get("after"))
    )
    response = render(request, "comments/thread.html", {**context, "section": article.section}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def own_comment(request, pk):
    """The reader's own comment; anyone else's is a 404, as if it did not exist."""
    return get_object_or_404(Comment.objects.select_related("article"), pk=pk, author=request.user)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk):
    comment = own_comment(request, pk)
    article = comment.article
    if request.method == "POST":
        comment.delete()
        messages.success(request, _("Your comment is deleted."))
        if article.is_public:
            return redirect(article.get_absolute_url() + "#comments")
        return redirect("accounts:profile")
    return render(request, "comments/delete.html", {"comment": comment, "article": article})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, pk):
    """A reader flags a comment for the editors; reporting twice changes nothing."""
    comment = get_object_or_404(
        Comment.objects.visible()
        .filter(article__in=Article.objects.published())
        .select_related("article", "author__profile")
        .exclude(author=request.user),
        pk=pk,
    )
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        CommentReport.objects.get_or_create(
            comment=comment, reporter=request.user, defaults={"reason": form.cleaned_data["reason"]}
        )
        messages.success(request, _("Thank you. The editors will look at this comment."))
        return redirect(comment.get_absolute_url())
    return render(
        request,
        "comments/report.html",
        {"comment": comment, "article": comment.article, "form": form},
        status=400 if form.is_bound else 200,
    )
