"""The dictionary: English entries loaded from an open source, and the newsroom's own Korean glosses.

The loaded tables (Word, Inflection) are replaced whole by `load_dictionary`; what editors write
(KoreanGloss, StoryTerm) is keyed by the text of the term, not by a loaded row, so that reloading
the dictionary never loses an editor's work.
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import pgettext_lazy

from articles.models import Article

from .lemmatize import TERM_MAX_LENGTH


class Word(models.Model):
    """A headword (lemma) with its senses, as the source gives them."""

    lemma = models.CharField(max_length=TERM_MAX_LENGTH, unique=True, help_text="Lower case; phrases use spaces.")
    # [{"pos": "noun", "definition": "..."}, ...], the most used part of speech first. One row per
    # word (rather than a row per sense) makes a lookup one indexed read.
    entries = models.JSONField(default=list)
    parts = models.CharField(
        max_length=4, blank=True, help_text="Its parts of speech as letters: n(oun), v(erb), a(djective), r (adverb)."
    )
    zipf = models.FloatField(
        default=0, help_text="How common: Zipf scale (wordfreq), 7 for 'the', 3 for 'mogul', 0 unknown."
    )

    class Meta:
        ordering = ["lemma"]

    def __str__(self):
        return self.lemma


class Inflection(models.Model):
    """An irregular form and its lemma (WordNet's exception lists: 'went' -> 'go', 'mice' -> 'mouse')."""

    form = models.CharField(max_length=TERM_MAX_LENGTH)
    lemma = models.CharField(max_length=TERM_MAX_LENGTH)

    class Meta:
        ordering = ["form", "lemma"]
        constraints = [models.UniqueConstraint(fields=["form", "lemma"], name="inflection_unique_form_lemma")]
        indexes = [models.Index(fields=["form"], name="inflection_form")]

    def __str__(self):
        return f"{self.form} → {self.lemma}"


class DictionarySource(models.Model):
    """What `load_dictionary` last loaded: the source, its fingerprint and counts (shown to readers)."""

    name = models.CharField(max_length=100, unique=True)
    version = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64, help_text="A digest of the source files; unchanged means no reload.")
    words = models.PositiveIntegerField(default=0)
    inflections = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name} {self.version}"


class KoreanGlossQuerySet(models.QuerySet):
    def settle_missing(self, terms):
        """Take out of the queue the `missing` rows of terms that now have Korean."""
        return self.filter(status=KoreanGloss.Status.MISSING, term__in=set(terms)).delete()


class KoreanGloss(models.Model):
    """A Korean gloss for an English word or phrase in one part of speech and sense.

    The newsroom's own glosses are `reviewed`; `suggested` ones come from open data (shown as such,
    with their source credited) until an editor approves, corrects or rejects them. A `missing` row
    holds no Korean: it puts a word the stories' lists need into the editors' queue.
    """

    class Pos(models.TextChoices):
        ANY = "", pgettext_lazy("part of speech", "any")
        NOUN = "noun", pgettext_lazy("part of speech", "noun")
        VERB = "verb", pgettext_lazy("part of speech", "verb")
        ADJECTIVE = "adjective", pgettext_lazy("part of speech", "adjective")
        ADVERB = "adverb", pgettext_lazy("part of speech", "adverb")

    class Status(models.TextChoices):
        REVIEWED = "reviewed", pgettext_lazy("gloss status", "reviewed")
        SUGGESTED = "suggested", pgettext_lazy("gloss status", "suggested")
        REJECTED = "rejected", pgettext_lazy("gloss status", "rejected")
        MISSING = "missing", pgettext_lazy("gloss status", "missing")

    NEWSROOM = "newsroom"
    NIKL = "nikl-basic-korean-dictionary"
    SOURCES = {
        NEWSROOM: "the newsroom",
        NIKL: "National Institute of Korean Language, Basic Korean Dictionary (CC BY-SA 2.0 KR)",
    }

    term = models.CharField(
        max_length=TERM_MAX_LENGTH,
        help_text="The dictionary form (mogul, not moguls), or a phrase (make inroads into).",
    )
    pos = models.CharField(
        "part of speech",
        max_length=10,
        choices=Pos,
        blank=True,
        help_text="Leave as “any” when the gloss fits every use of the word.",
    )
    sense = models.CharField(
        max_length=100, blank=True, help_text="A short English hint when the word has several: bill (law)."
    )
    korean = models.CharField(
        max_length=300, blank=True, help_text="One or more Korean glosses, separated by semicolons: 기업가; 사업가"
    )
    note = models.CharField(max_length=300, blank=True, help_text="For editors: usage, source, doubts.")
    status = models.CharField(max_length=10, choices=Status, default=Status.REVIEWED)
    source = models.CharField(max_length=40, default=NEWSROOM, help_text="Where the Korean came from.")
    need = models.PositiveIntegerField(
        default=0, help_text="How many published stories' vocabulary lists pick the word (refresh_gloss_needs)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = KoreanGlossQuerySet.as_manager()

    class Meta:
        ordering = ["term", "pos", "sense"]
        verbose_name = "Korean gloss"
        verbose_name_plural = "Korean glosses"
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                "pos",
                "sense",
                name="koreangloss_unique_term_pos_sense",
                violation_error_message="A gloss for this term already exists: correct that one instead.",
            ),
            models.CheckConstraint(
                condition=~models.Q(korean="") | models.Q(status="missing"), name="koreangloss_not_empty"
            ),
        ]
        # Terms are stored normalized (lower case), so lookups match the column itself.
        indexes = [
            models.Index(fields=["term"], name="koreangloss_term"),
            models.Index(fields=["status", "-need"], name="koreangloss_queue"),
        ]

    def __str__(self):
        return f"{self.term}: {self.korean}"

    def save(self, *args, **kwargs):
        self.term = normalize_term(self.term)
        self.korean = "; ".join(self.glosses)
        if self.korean and self.status in (self.Status.REVIEWED, self.Status.SUGGESTED):
            # Before saving: the queued row may hold the same (term, "", "") this gloss takes.
            KoreanGloss.objects.exclude(pk=self.pk).settle_missing([self.term])
        super().save(*args, **kwargs)

    @property
    def glosses(self):
        return split_glosses(self.korean)

    @property
    def source_name(self):
        return self.SOURCES.get(self.source, self.source)


class StoryTerm(models.Model):
    """A word or phrase an editor adds to, or pins at the top of, a story's vocabulary list."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="dictionary_terms")
    term = models.CharField(
        max_length=TERM_MAX_LENGTH, help_text="A word or phrase as the reader should look it up: make inroads into"
    )
    definition = models.CharField(
        max_length=500, blank=True, help_text="English explanation; leave empty to use the dictionary's."
    )
    korean = models.CharField(
        max_length=300, blank=True, help_text="Korean gloss for this story; leave empty to use the newsroom's."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "word in this story"
        verbose_name_plural = "words in this story (pinned first in the dictionary view)"
        constraints = [
            models.UniqueConstraint(
                "article",
                Lower("term"),
                name="storyterm_unique_term",
                violation_error_message="This word is already listed for the story.",
            )
        ]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.term = normalize_term(self.term)
        super().save(*args, **kwargs)


def normalize_term(text):
    """A term as stored: lower case, single spaces, straight apostrophes."""
    return " ".join((text or "").replace("’", "'").lower().split())


def split_glosses(text):
    return [part.strip() for part in (text or "").replace("；", ";").split(";") if part.strip()]
