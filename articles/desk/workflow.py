"""The desk's rules: who may do what to a story, and the checks a story passes before it is published.

Roles are Django groups (made by a migration) holding model permissions:
- Reporters: add and change stories, but only their own drafts; they submit a draft for review.
- Editors: `publish_article` (review, publish, schedule, unpublish, correct any story),
  `withdraw_article` (legal withdrawal) and `restore_article` (restore an old version).
The admin asks these functions; the status a form may set is validated here, on the server.
"""

from django.utils import timezone

from ..models import Article, local_date

Status = Article.Status

# The order a story goes through the desk, for the status menus (the model's own order is historical).
STATUS_ORDER = [Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.WITHDRAWN]


def is_editor(user):
    return user.has_perm("articles.publish_article")


def can_edit(user, article):
    """May `user` change this story (None: a new one)?"""
    if not user.has_perm("articles.change_article"):
        return False
    if article is None or is_editor(user):
        return True
    # A reporter's story leaves their hands once submitted: the desk edits it from then on.
    return article.created_by_id == user.pk and article.status == Status.DRAFT


def can_view(user, article):
    if is_editor(user):
        return True
    if not (user.has_perm("articles.view_article") or user.has_perm("articles.change_article")):
        return False
    return article is None or article.created_by_id == user.pk


def can_preview(user, article):
    """Staff who may see this story in the admin may see it on its page."""
    return user.is_active and user.is_staff and can_view(user, article)


def allowed_statuses(user, current):
    """The statuses `user` may give a story whose status is now `current` (None: a new story)."""
    if is_editor(user):
        allowed = {Status.DRAFT, Status.REVIEW, Status.PUBLISHED}
        if user.has_perm("articles.withdraw_article"):
            allowed.add(Status.WITHDRAWN)
        elif current == Status.WITHDRAWN:
            # Only someone who may withdraw may bring a withdrawn story back.
            allowed = set()
    else:
        allowed = {Status.DRAFT, Status.REVIEW} if current in (None, Status.DRAFT) else set()
    if current is not None:
        allowed.add(Status(current))  # Saving without changing the status is always allowed.
    return allowed


def transition_error(user, current, new):
    """Why `user` may not move a story from `current` to `new`, or None when they may."""
    if new in allowed_statuses(user, current):
        return None
    if new == Status.WITHDRAWN or current == Status.WITHDRAWN:
        return "Only an editor with the legal-withdrawal permission may withdraw a story or bring it back."
    if new == Status.PUBLISHED or current in (Status.PUBLISHED, Status.REVIEW):
        return "Only an editor may publish, schedule or unpublish a story."
    return f"A story cannot go from “{Status(current).label}” to “{Status(new).label}”."


def change_words(old, new, published_at):
    """The history line for a story going from status `old` to `new`."""
    if new == Status.REVIEW:
        return "Submitted for review."
    if new == Status.PUBLISHED:
        if published_at and published_at > timezone.now():
            return f"Scheduled for {timezone.localtime(published_at):%Y-%m-%d %H:%M}."
        return "Reinstated." if old == Status.WITHDRAWN else "Published."
    if new == Status.WITHDRAWN:
        return "Withdrawn for legal reasons."
    return {Status.PUBLISHED: "Unpublished.", Status.REVIEW: "Sent back to draft."}.get(old, "Made a draft.")


def publication_time(status, published_at):
    """The time a story in `status` goes live: its own, or now when it is published without one."""
    if status == Status.PUBLISHED and not published_at:
        return timezone.now()
    return published_at


def slug_clash(slug, published_at, *, exclude_pk=None):
    """Why `slug` cannot be a story's address on the day of `published_at`, or None.

    The database refuses two stories with one slug on one day (in any case); this says so kindly first.
    """
    day = local_date(published_at)
    if not slug or day is None:
        return None
    if Article.objects.filter(pub_date=day, slug__iexact=slug).exclude(pk=exclude_pk).exists():
        return f"Another story on {day:%Y-%m-%d} already has this address; change the slug."
    return None


def photo_problems(photos):
    """What stops these photos from being published: each one with an image file needs a caption,
    a credit and alt text (or to be marked decorative). Photos whose file was lost in an import
    (an empty image) are exempt: there is nothing to describe."""
    problems = []
    for number, photo in enumerate(photos, start=1):
        if not photo.get("image"):
            continue
        missing = [name for name in ("caption", "credit") if not (photo.get(name) or "").strip()]
        if not (photo.get("alt_text") or "").strip() and not photo.get("decorative"):
            missing.append("alt text (or mark it decorative)")
        if missing:
            problems.append(f"Photo {number} needs {', '.join(missing)} before the story is published.")
    return problems


def stored_photo_problems(article):
    photos = [
        {
            "image": p.image.name,
            "caption": p.caption,
            "credit": p.credit,
            "alt_text": p.alt_text,
            "decorative": p.decorative,
        }
        for p in article.photos.all()
    ]
    return photo_problems(photos)


def schedule_label(article):
    if article.is_public:
        return "Live"
    if article.is_scheduled:
        return f"Scheduled for {timezone.localtime(article.published_at):%Y-%m-%d %H:%M}"
    if article.status == Status.WITHDRAWN:
        return "Withdrawn"
    return "Not public"
