"""The state changes of a story: submit, publish, schedule, unpublish, withdraw, remove and restore.

Each takes the story and the user, checks the user may (by the rules in workflow), checks the story
may (its address on the day, its photos), saves it with one revision, and raises DeskError saying
why when it may not. The story form, the admin's actions and its delete button call these, so a
rule is written once.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article, Section
from . import revisions, workflow

Status = Article.Status


class DeskError(ValidationError):
    """A state change refused; its messages say why, in the desk's words.

    A ValidationError, so that a form can show it as it is: a message keyed by field ("slug",
    "status") goes by that field, the others at the top of the form.
    """


def check(article, user, status, *, published_at, slug):
    """Raise DeskError unless `user` may give `article` (as stored) `status`, `published_at` and `slug`."""
    current = article.status if article.pk else None
    problem = workflow.transition_error(user, current, status)
    if problem:
        raise DeskError(problem)
    errors = {}
    if status == Status.WITHDRAWN and not article.pub_date:
        errors["status"] = _("Only a story that has been published can be withdrawn.")
    clash = workflow.slug_clash(slug, published_at, exclude_pk=article.pk)
    if clash:
        errors["slug"] = clash
    if errors:
        raise DeskError(errors)


def submit(article, user):
    """Send a draft to the desk for review."""
    if article.status != Status.DRAFT:
        raise DeskError(_("Only a draft can be submitted for review."))
    if not workflow.can_edit(user, article):
        raise DeskError("A reporter may submit only their own drafts.")
    _change(article, user, Status.REVIEW)


def publish(article, user, at=None):
    """Put a draft or a submitted story on the site: at `at`, at its own set time, or now."""
    if article.status not in (Status.DRAFT, Status.REVIEW):
        raise DeskError(f"It is {Status(article.status).label.lower()}, not a draft or submitted.")
    _publish(article, user, at or article.published_at)


def schedule(article, user, at):
    """Publish a story at a time to come: until then it is on no page."""
    if at is None or at <= timezone.now():
        raise DeskError("A story is scheduled for a time to come; give a later publication time.")
    if article.status not in (Status.DRAFT, Status.REVIEW, Status.PUBLISHED) or article.is_public:
        raise DeskError(_("Only a story that is not on the site yet can be scheduled."))
    _publish(article, user, at)


def unpublish(article, user):
    """Take a published story off the site, back to draft."""
    if article.status != Status.PUBLISHED:
        raise DeskError(_("It is not published."))
    _change(article, user, Status.DRAFT)


def withdraw(article, user):
    """Withdraw a story for legal reasons: its page answers 410 Gone."""
    if article.status != Status.PUBLISHED:
        raise DeskError(_("Only a published story can be withdrawn."))
    _change(article, user, Status.WITHDRAWN)


def remove(article, user):
    """Delete a story that was never published; one that was is kept. Returns whether it was deleted.

    A published story is unpublished and kept as a draft; a withdrawn one is the legal record of
    what was withdrawn, so it is kept as it is.
    """
    if not workflow.can_edit(user, article):
        raise DeskError(_("You may not remove this story."))
    if article.status == Status.PUBLISHED:
        _change(article, user, Status.DRAFT, "Removed from the site: unpublished and kept as a draft.")
        return False
    if article.status == Status.WITHDRAWN:
        return False
    article.delete()
    return True


def restore(article, version, user):
    """Put back the content of one of the story's versions; the restore is saved as a new version."""
    if not user.has_perm("articles.restore_article"):
        raise DeskError(_("Only an editor may restore an old version."))
    section_id = revisions.snapshot(version).fields["section_id"]
    if not Section.objects.filter(pk=section_id).exists():
        raise DeskError(_("That version's section no longer exists; choose the section, then restore."))
    return revisions.restore(article, version, user)


def _publish(article, user, at):
    problems = workflow.stored_photo_problems(article)
    if problems:
        raise DeskError(problems)
    published_at = workflow.publication_time(Status.PUBLISHED, at)
    check(article, user, Status.PUBLISHED, published_at=published_at, slug=article.slug)
    article.published_at = published_at
    _change(article, user, Status.PUBLISHED)


def _change(article, user, status, comment=None):
    problem = workflow.transition_error(user, article.status, status)
    if problem:
        raise DeskError(problem)
    comment = comment or workflow.change_words(article.status, status, article.published_at)
    article.status = status
    revisions.save_with_revision(article, user, comment)
