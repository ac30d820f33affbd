from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from accounts.models import display_name_for
from articles.models import Article

from .text import BODY_CEILING


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """What readers see: published comments (pending and hidden ones are for editors)."""
        return self.filter(status=Comment.Status.PUBLISHED)

    def for_display(self):
        return self.select_related("author__profile").only(
            "id",
            "article_id",
            "body",
            "created_at",
            "status",
            "author_id",
            "author__first_name",
            "author__last_name",
            "author__profile__display_name",
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Awaiting approval")
        HIDDEN = "hidden", _("Hidden by an editor")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    # Empty only for a hidden comment kept for the record after its author deleted their account.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    body = models.TextField(_("comment"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("comment")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["published", "pending", "hidden"]), name="comment_status_valid"
            ),
            models.CheckConstraint(condition=~models.Q(body=""), name="comment_body_not_blank"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_CEILING), name="comment_body_ceiling"
            ),
            models.CheckConstraint(
                condition=models.Q(author__isnull=False) | models.Q(status="hidden"), name="comment_orphan_only_hidden"
            ),
        ]
        indexes = [
            # A story's thread, newest first, walked by id (the keyset of comments.pagination).
            models.Index(fields=["article", "status", "-id"], name="comment_thread"),
            models.Index(fields=["author", "-id"], name="comment_by_author"),
        ]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def author_name(self):
        return display_name_for(self.author)


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Abusive or hateful")
        SPAM = "spam", _("Spam or advertising")
        OFF_TOPIC = "off_topic", _("Off topic")
        PRIVACY = "privacy", _("Shares someone's private information")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reports")
    reason = models.CharField(max_length=20, choices=Reason.choices, default=Reason.ABUSE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="report_once_per_reader"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment}"


class CommentingBan(models.Model):
    """A reader the editors have barred from commenting."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commenting_ban")
    reason = models.CharField(max_length=300, blank=True, help_text=_("For the record; the reader does not see it."))
    barred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("barred commenter")

    def __str__(self):
        return str(self.user)


class PostingRecord(models.Model):
    """One accepted comment post, kept for the length of the rate-limit window.

    Counted in the database so that the limit holds across every server process; kept apart from
    Comment so that deleting one's comments does not reset the count.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"], name="posting_user_time")]

    def __str__(self):
        return f"{self.user_id} at {self.created_at}"
