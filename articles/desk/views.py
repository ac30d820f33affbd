"""The desk's own pages about a story: its versions, one version (to compare and restore), and the
page shown when a save meets a newer version saved elsewhere."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from ..models import Article
from . import actions, revisions


class EditConflict(Exception):
    """Someone else saved the story after this form was opened."""

    def __init__(self, mine, form):
        super().__init__("edit conflict")
        self.mine = mine
        self.form = form


def _article_for_history(model_admin, request, pk):
    article = get_object_or_404(Article, pk=pk)
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    return article


def versions_page(model_admin, request, pk):
    article = _article_for_history(model_admin, request, pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "title": f"History of “{article}”",
        "versions": list(revisions.history(article)),
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def version_page(model_admin, request, pk, version_id):
    article = _article_for_history(model_admin, request, pk)
    versions = list(revisions.history(article))
    index = next((i for i, v in enumerate(versions) if v.pk == version_id), None)
    if index is None:
        raise Http404("No such version of this story.")
    version = versions[index]
    may_restore = request.user.has_perm("articles.restore_article")
    if request.method == "POST":
        if not may_restore:
            raise PermissionDenied
        try:
            actions.restore(article, version, request.user)
        except actions.DeskError as error:
            model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            model_admin.message_user(
                request,
                f"Restored the version of {timezone.localtime(version.revision.date_created):%Y-%m-%d %H:%M}; "
                "the restore is saved as a new version.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    snap = revisions.snapshot(version)
    previous = revisions.snapshot(versions[index + 1]) if index + 1 < len(versions) else None
    latest = revisions.snapshot(versions[0])
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "title": f"Version of {timezone.localtime(version.revision.date_created):%Y-%m-%d %H:%M}",
        "version": version,
        "fields": revisions.readable(snap),
        "changes": revisions.compare(previous, snap) if previous else None,
        "from_latest": revisions.compare(snap, latest) if index else None,
        "may_restore": may_restore and index > 0,
    }
    return TemplateResponse(request, "admin/articles/article/revision.html", context)


CONFLICT_FIELDS = [
    ("headline", "Headline"),
    ("slug", "Slug"),
    ("dek", "Summary"),
    ("section_id", "Section"),
    ("kind", "Kind"),
    ("status", "Status"),
    ("published_at", "Publication time"),
]


def conflict_text(article, name):
    """A field of the story as the desk shows it: labels, not stored values; times in the newsroom's zone."""
    if name == "section_id":
        return str(article.section) if article.section_id else ""
    if name in ("kind", "status"):
        return getattr(article, f"get_{name}_display")()
    if name == "published_at":
        return f"{timezone.localtime(article.published_at):%Y-%m-%d %H:%M}" if article.published_at else ""
    return getattr(article, name) or ""


def conflict_value(article, name):
    """A field's value to compare: one instant written in two zones is the same publication time,
    and it is compared to the second, as far as the form holds it."""
    value = getattr(article, name)
    return value.replace(microsecond=0) if name == "published_at" and value else value


def conflict_page(model_admin, request, conflict):
    theirs = Article.objects.select_related("section").filter(pk=conflict.mine.pk).first()
    if theirs is None:
        model_admin.message_user(request, "This story was deleted while you were editing it.", messages.ERROR)
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
    mine = conflict.mine
    rows = []
    for name, label in CONFLICT_FIELDS:
        old, new = conflict_text(theirs, name), conflict_text(mine, name)
        differs = conflict_value(theirs, name) != conflict_value(mine, name)
        rows.append((label, old, new, differs, revisions.word_diff(old, new)))
    old_body, new_body = revisions.body_text(theirs.body), revisions.body_text(mine.body)
    rows.append(("Body", old_body, new_body, old_body != new_body, revisions.word_diff(old_body, new_body)))
    last = revisions.history(theirs).first()
    # Everything the editor sent, to send again on request with the new version number.
    resend = [
        (key, value)
        for key, values in request.POST.lists()
        if key not in {"csrfmiddlewaretoken", "edit_lock"}
        for value in values
    ] + [("edit_lock", theirs.lock_version)]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "This story was saved elsewhere after you opened it",
        "theirs": theirs,
        "mine": mine,
        "rows": rows,
        "last_revision": last.revision if last else None,
        "resend": resend,
        "lost_uploads": bool(request.FILES),
        "change_url": reverse("admin:articles_article_change", args=[theirs.pk]),
    }
    return TemplateResponse(request, "admin/articles/article/conflict.html", context, status=409)
