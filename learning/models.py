from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class SavedWordQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(due__lte=now)


class SavedWord(models.Model):
    """A word a reader saved from a story, with the sentence they met it in and its review schedule.

    The schedule is the `fsrs` package's card, kept as its own dict (`card`) so that a new version of
    the scheduler reads what an old one wrote; `due` repeats the card's due time for indexed queries.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_words")
    lemma = models.CharField(_("word"), max_length=100)
    form = models.CharField(_("as written"), max_length=100, blank=True)
    # The story may later be withdrawn or unpublished: the sentence is then never shown (see is_shown).
    article = models.ForeignKey("articles.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sentence = models.TextField(_("sentence"), blank=True)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    card = models.JSONField(default=dict)
    due = models.DateTimeField(_("due"))
    reviews = models.PositiveIntegerField(default=0)
    last_review = models.DateTimeField(null=True, blank=True)

    objects = SavedWordQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved word")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint("user", Lower("lemma"), name="saved_word_unique_per_reader"),
            models.CheckConstraint(condition=~models.Q(lemma=""), name="saved_word_not_blank"),
        ]
        indexes = [models.Index(fields=["user", "due"], name="saved_word_due")]

    def __str__(self):
        return self.lemma

    @property
    def story_is_public(self):
        return self.article is not None and self.article.is_public

    @property
    def shown_sentence(self):
        """The sentence, while the story it came from is public; never that of a withdrawn story."""
        return self.sentence if self.story_is_public else ""
