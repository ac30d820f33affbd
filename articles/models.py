import datetime
import posixpath
import secrets
from collections import defaultdict

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator, slugify

from . import levels, paragraphs
from .photos import rendition_srcset
from .sanitize import html_to_text, sanitize_html

DESCRIPTION_WORDS = 40  # of the body, for a story's description where it has no dek


def local_date(value):
    """The calendar date of an aware datetime in the newsroom's zone."""
    return timezone.localtime(value).date() if value else None


def start_of_day(day):
    """The first moment of a calendar day in the newsroom's zone: the day's stories (by pub_date)
    are those published from it until the next day's, which lets a query walk the date index."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_default_timezone())


def unique_slug(model, base, *, max_length=80, exclude_pk=None, **scope):
    """A slug from `base` that no other `model` row in `scope` has yet."""
    base = (slugify(base, allow_unicode=True) or "item")[:max_length].strip("-")
    candidate, n = base, 2
    others = model.objects.filter(**scope).exclude(pk=exclude_pk)
    while others.filter(slug__iexact=candidate).exists():
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return candidate


def remembered_reverse(instance, view_name, **kwargs):
    """reverse(), remembered on the instance for the same arguments: a page asks for one object's
    URL several times (a card's photo and headline, the canonical link, the share links)."""
    key = (view_name, *kwargs.values())
    urls = instance.__dict__.setdefault("_reversed", {})
    if key not in urls:
        urls[key] = reverse(view_name, kwargs=kwargs)
    return urls[key]


class SectionQuerySet(models.QuerySet):
    def with_public_stories(self, tree=None):
        """Sections a reader may see: those with a public story (Article.objects.published()) in them
        or in a section under them. From the section tree, which carries each section's own answer
        (Section.load_tree()), so no query once the tree is cached; a section whose first story is
        scheduled becomes public at that time, since the cached tree does not outlive it."""
        return self.filter(pk__in=Section.public_ids(tree))


class Section(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order among its siblings.")

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="section_unique_name_in_parent"),
            models.UniqueConstraint(fields=["name"], condition=models.Q(parent=None), name="section_unique_top_name"),
        ]

    def __str__(self):
        return " › ".join(s.name for s in self.ancestry())

    def save(self, *args, **kwargs):
        if not self.slug:
            parent_slug = self.parent.slug if self.parent_id else ""
            base = self.name
            if Section.objects.filter(slug__iexact=slugify(base, allow_unicode=True)).exclude(pk=self.pk).exists():
                base = f"{parent_slug}-{self.name}" if parent_slug else self.name
            self.slug = unique_slug(Section, base, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return remembered_reverse(self, "articles:section", slug=self.slug)

    def ancestry(self):
        """This section and its parents, from the top down.

        Parents come from the select_related cache as far as the view loaded them (no query); past
        that, from the section tree (Section.tree(): one query after a write, none once cached), so a
        breadcrumb costs at most one query at any depth; the parents read are cached on the chain, so
        asking again costs none.
        """
        chain, node = [self], self
        while node.parent_id is not None and Section.parent.is_cached(node):
            node = node.parent
            chain.append(node)
        if node.parent_id is not None:
            tree, seen = Section.by_id(), {s.pk for s in chain}
            while node.parent_id is not None and node.parent_id not in seen:
                node.parent = tree[node.parent_id]
                node = node.parent
                seen.add(node.pk)
                chain.append(node)
        return list(reversed(chain))

    @staticmethod
    def tree(request=None):
        """The section tree as {parent id: [children]}: cheaper than a query per level whenever a page
        needs a section's subtree, and kept in the cache (articles.fragments) until a write."""
        from .fragments import section_tree

        return section_tree(request)

    @staticmethod
    def load_tree():
        """The section tree read from the (small) section table in one query.

        Each section carries `has_public_stories` (a public story of its own, not counting the
        sections under it) and `next_publication` (when the next scheduled story of any section goes
        live, or None): whether a section is public changes at that time without a write, so the
        cached tree may not outlive it (articles.fragments.section_tree)."""
        public = Article.objects.published()
        upcoming = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        sections = Section.objects.annotate(
            has_public_stories=Exists(public.filter(section_id=OuterRef("pk"))),
            next_publication=Subquery(upcoming.order_by("published_at").values("published_at")[:1]),
        )
        children = defaultdict(list)
        for section in sections:
            section.get_absolute_url()  # reversed once, and kept with the cached tree: not once per page
            children[section.parent_id].append(section)
        return children

    @staticmethod
    def public_ids(tree=None):
        """The ids of the sections with a public story in them or under them (see load_tree())."""
        tree = Section.tree() if tree is None else tree
        by_id = Section.by_id(tree)
        public = set()
        for section in by_id.values():
            node = section if getattr(section, "has_public_stories", False) else None
            while node is not None and node.pk not in public:  # a cycle an editor made ends here
                public.add(node.pk)
                node = by_id.get(node.parent_id)
        return public

    def is_public(self, tree=None):
        return self.pk in Section.public_ids(tree)

    @staticmethod
    def by_id(tree=None):
        """Every section by its id, from the tree."""
        tree = Section.tree() if tree is None else tree
        return {section.pk: section for children in tree.values() for section in children}

    def descendant_ids(self, tree=None):
        """The ids of this section and of every section under it, level by level, from the tree."""
        tree = Section.tree() if tree is None else tree
        ids, level, seen = [], [self.pk], set()
        while level:
            level = [pk for pk in level if pk not in seen]  # a cycle an editor made ends here
            seen.update(level)
            ids.extend(level)
            level = [child.pk for pk in level for child in tree[pk]]
        return ids


class PersonQuerySet(models.QuerySet):
    def with_public_stories(self):
        """People a reader may see: those in the byline of a public story (Article.objects.published()),
        checked as of the query, so a byline whose only story is scheduled becomes public at its time."""
        return self.filter(Exists(Article.objects.published().filter(bylines__person=OuterRef("pk"))))


class Person(models.Model):
    name = models.CharField(max_length=120, help_text="As printed in the byline, e.g. Seo Ji-eun.")
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    email = models.EmailField(blank=True)
    bio = models.TextField(blank=True, max_length=1000)
    is_agency = models.BooleanField(
        "wire or agency", default=False, help_text="A credit such as Yonhap rather than a person."
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""), name="person_unique_email"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Person, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return remembered_reverse(self, "articles:person", slug=self.slug)


def people_and_photos():
    """What every story shown in a list or on its page needs: bylines with their people, photos in order.

    Prefetches, for a queryset or for prefetch_related_objects() over stories from several."""
    return (models.Prefetch("bylines", queryset=Byline.objects.select_related("person")), photos_in_order())


def photos_in_order():
    return models.Prefetch("photos", queryset=Photo.objects.order_by("position", "pk"))


def page_relations():
    """What a story's own page shows beside its row: bylines, photos, corrections and topics (prefetches)."""
    return (*people_and_photos(), "corrections", "topics")


def shape_page(article, request=None):
    """A story fetched for_page() made ready for its page: its section and that section's parents from
    the cached section tree, linked, so the breadcrumb and the navigation walk them without a query.
    Joining three levels of sections to the story's query cost more CPU than the rest of that query
    (the ORM compiles each joined table's columns); the tree is read for the page anyway."""
    sections = Section.by_id(Section.tree(request))
    if article.section_id in sections:  # else (a tree older than the story) its section loads itself
        article.section = with_parents(sections[article.section_id], sections)
    return article


def with_parents(section, sections):
    """`section` with its parents linked from `sections` (Section.by_id()): ancestry() walks them, no query."""
    node, seen = section, {section.pk}
    while node.parent_id in sections and node.parent_id not in seen:  # a cycle an editor made ends here
        node.parent = sections[node.parent_id]
        node = node.parent
        seen.add(node.pk)
    return section


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and its time has come. Every public surface starts here."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_lists(self):
        """Shaped for a list of stories: section, bylines and photos in a fixed number of queries."""
        return self.without_search_documents().select_related("section").prefetch_related(*people_and_photos())

    def for_page(self):
        """Shaped for a story's own page: bylines, photos, corrections and topics, in a fixed number of
        queries; its section and the breadcrumb's come from the section tree (shape_page())."""
        return self.without_search_documents().prefetch_related(*page_relations())

    def card_rows(self):
        """The columns a card shows; the page then shapes its stories for them (articles.cards.shape_cards())."""
        return self.without_search_documents().defer("body")

    def without_search_documents(self):
        """Without the two search columns, which no page shows: the document is several kilobytes
        a story, stored apart (TOAST), and would be read and sent for nothing."""
        return self.defer("search_vector", "search_summary")

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def at_level(self, band):
        """Stories of one reading level (A2…C2); any band not in levels.BANDS leaves the list as it is."""
        band = levels.band_from(band)
        return self.filter(level=band) if band else self

    def bilingual(self):
        """Stories with a Korean version."""
        return self.exclude(body_ko="")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        REVIEW = "review", "Ready for review"
        WITHDRAWN = "withdrawn", "Withdrawn (legal)"

    class Kind(models.TextChoices):
        NEWS = "news", "News"
        ANALYSIS = "analysis", "Analysis"
        FEATURE = "feature", "Feature"
        OPINION = "opinion", "Opinion"
        EDITORIAL = "editorial", "Editorial"

    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=255, allow_unicode=True, help_text="The last part of the URL; unique for its day."
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    dek = models.TextField("summary (dek)", blank=True, help_text="A sentence under the headline.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS)
    body = models.TextField(help_text="Paragraphs of HTML; tags outside a small allowed set are removed on save.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="A published story with a future time becomes public at that time.",
    )
    # An imported page may print only a date: its time is then 00:00, which is no time to show.
    time_known = models.BooleanField(
        "time of day known", default=True, help_text="Off when only the date of publication is known."
    )
    # The publication date in the newsroom's zone, kept from published_at on save: it is the
    # date in the story's URL, and what slugs are unique within.
    pub_date = models.DateField(null=True, blank=True, editable=False)
    authors = models.ManyToManyField(Person, through="Byline", related_name="articles")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    legacy_id = models.CharField(
        max_length=40, blank=True, help_text="The story's id on the old site, where it had one."
    )
    source_file = models.CharField(max_length=500, blank=True, editable=False)
    # A digest of the imported fields as the importer last wrote them: a re-import compares it
    # with the story as it stands to tell whether an editor has changed it since.
    import_digest = models.CharField(max_length=64, blank=True, editable=False)
    # The desk: who wrote the story (a reporter edits only their own drafts), and a counter bumped
    # by every save, carried in the admin form so that a second editor cannot silently overwrite.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    topics = models.ManyToManyField("Topic", blank=True, related_name="articles")
    # The story in Korean, shown beside the English; its body is sanitized like `body`.
    headline_ko = models.CharField("Korean headline", max_length=300, blank=True)
    dek_ko = models.TextField("Korean summary (dek)", blank=True)
    body_ko = models.TextField(
        "Korean body",
        blank=True,
        help_text="The story in Korean: one paragraph for each paragraph of the English body, in its order.",
    )
    ko_unaligned = models.BooleanField(
        "Korean not aligned",
        default=False,
        help_text="The Korean does not follow the English paragraph by paragraph: it is shown whole beside it.",
    )
    # The weighted search document (headline A, dek and bylines B, captions and body C, the Korean
    # version's headline B and text C), and its small part without the body or the Korean.
    # PostgreSQL triggers keep both current on every write of the story, its bylines, its photos
    # or its people (migration 0004's triggers, 0008's Korean; the SQL that runs live is in
    # articles/search/sql.py); NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    search_summary = SearchVectorField(null=True, editable=False)
    # How hard the story is to read, from its own text on every save (articles/levels.py).
    level = models.CharField(
        "reading level", max_length=2, choices=[(band, band) for band in levels.BANDS], blank=True, editable=False
    )
    reading_minutes = models.PositiveSmallIntegerField("minutes to read", null=True, blank=True, editable=False)
    # A recorded reading (MP3), checked on upload (articles/audio.py); the story joins the audio feed.
    audio = models.FileField(
        "recorded reading",
        upload_to="audio/%Y/%m/",
        blank=True,
        help_text="An MP3 of the story read aloud. Stories with one are in the audio feed (/feeds/audio/).",
    )
    audio_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", "Can review, publish, schedule and unpublish any story"),
            ("withdraw_article", "Can withdraw a story for legal reasons"),
            ("restore_article", "Can restore an earlier version of a story"),
        ]
        constraints = [
            models.UniqueConstraint(Lower("slug"), "pub_date", name="article_unique_slug_per_day"),
            models.UniqueConstraint(
                fields=["legacy_id"], condition=~models.Q(legacy_id=""), name="article_unique_legacy_id"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_public_order"),
            models.Index(fields=["section", "status", "-published_at", "-id"], name="article_section_order"),
            models.Index(fields=["pub_date", "slug"], name="article_date_slug"),
            # `?level=` at a rare band: search ANDs this with GIN's bitmap instead of reading every match
            # of a common word to keep the few at that level (A2 "government" at a million: 490 ms, now 21).
            models.Index(fields=["level", "status", "-published_at", "-id"], name="article_level_order"),
            # The /bilingual/ list, newest first: a few stories among many, so an index of their own.
            models.Index(
                fields=["status", "-published_at", "-id"],
                condition=~models.Q(body_ko=""),
                name="article_bilingual_order",
            ),
            # /media/ asks which story a recorded reading belongs to (articles.media).
            models.Index(fields=["audio"], condition=~models.Q(audio=""), name="article_audio"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_ko = sanitize_html(self.body_ko)
        self.pub_date = local_date(self.published_at)
        if not self.slug:
            self.slug = unique_slug(Article, self.headline, exclude_pk=self.pk, pub_date=self.pub_date)
        self.lock_version = (self.lock_version or 0) + 1
        self.set_level()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                *("body", "body_ko", "pub_date", "updated_at", "lock_version", "level", "reading_minutes"),
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.url_for("articles:article")

    def set_level(self):
        level = levels.level_of(self.plain_text())
        self.level, self.reading_minutes = level.band, level.minutes

    def plain_text(self):
        """The story's words as a reader meets them: headline, dek, then the body without its markup."""
        return "\n".join(part for part in (self.headline, self.dek, html_to_text(self.body)) if part)

    def clean(self):
        # Here and not in a constraint: the database cannot count a body's paragraphs.
        super().clean()
        if self.body_ko and not self.ko_unaligned:
            english = paragraphs.count(sanitize_html(self.body))
            korean = paragraphs.count(sanitize_html(self.body_ko))
            if english != korean:
                raise ValidationError(
                    {
                        "body_ko": (
                            f"The Korean has {korean} paragraph{'' if korean == 1 else 's'} and the English "
                            f"{english}: give each English paragraph its Korean, in order, or tick “Korean not "
                            "aligned”."
                        )
                    }
                )

    def get_print_url(self):
        return self.url_for("articles:article_print")

    def get_dictionary_url(self):
        return self.url_for("dictionary:article")

    def address(self):
        """The keyword arguments of every route under the story's address: its date and slug."""
        day = self.pub_date
        return {"year": day.year, "month": day.month, "day": day.day, "slug": self.slug}

    def url_for(self, view_name):
        """The story's URL for one of the views under its address (page, print, dictionary, comments)."""
        if self.pub_date is None:
            return reverse("articles:preview", kwargs={"pk": self.pk})  # no address yet: staff see its preview
        return remembered_reverse(self, view_name, **self.address())

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at and self.published_at > timezone.now()

    def rows(self, relation):
        """A relation's rows: straight from the prefetch cache when there is one (a card asks for its
        photos and bylines several times, and each time a manager and a queryset would be built
        around the same list), else from the database."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get(relation)
        return list(prefetched if prefetched is not None else getattr(self, relation).all())

    @cached_property
    def description(self):
        """The dek, or the body's first 40 words as plain text: what the head's description and Open Graph
        tags say. One paragraph's end is a space, and an entity the character it stands for (escaped once,
        as any text, where it is shown)."""
        if self.dek:
            return self.dek
        return Truncator(" ".join(html_to_text(self.body).split())).words(DESCRIPTION_WORDS, truncate=" …")

    @property
    def lead_photo(self):
        """The first photo; uses the prefetch cache when there is one."""
        photos = self.rows("photos")
        return photos[0] if photos else None

    @property
    def byline_people(self):
        return [byline.person for byline in self.rows("bylines")]

    @property
    def was_updated(self):
        """Updated noticeably after publication (not the seconds of the publishing save itself)."""
        return bool(
            self.published_at and self.updated_at and (self.updated_at - self.published_at).total_seconds() > 3600
        )


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="byline_unique_person"),
        ]

    def __str__(self):
        return self.person.name


def photo_upload_to(instance, filename):
    """photos/YYYY/MM/<32 random hex digits>.<ext>: an address nobody can guess, and no word of the
    uploaded file's own name (which may say what a story not yet published is about). Photos stored
    before this kept their names; /media/ checks every photo's story anyway (articles.media)."""
    extension = posixpath.splitext(filename)[1].lower()
    extension = extension if extension[1:].isalnum() and len(extension) <= 6 else ""
    return f"photos/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


class Photo(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        upload_to=photo_upload_to,
        blank=True,
        width_field="width",
        height_field="height",
        help_text="May be empty for imported stories whose image file is lost.",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=120, blank=True, help_text="An agency (NEWSIS, YONHAP) or a photographer.")
    alt_text = models.CharField(
        max_length=300, blank=True, help_text="What the picture shows, for readers who cannot see it."
    )
    position = models.PositiveSmallIntegerField(default=0)
    decorative = models.BooleanField(
        default=False, help_text="Only ornament: it adds nothing to the story, so its alt text is left empty."
    )
    # Widths of the WebP renditions made from the image (articles.photos), for srcset.
    renditions = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            # /media/ asks which story a file belongs to (articles.media): by its name, or for a
            # rendition by the name's stem (LIKE 'stem.%', which the pattern operator class serves).
            models.Index(fields=["image"], name="photo_image", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self):
        return self.caption[:60] or f"Photo {self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        """Remember the file as stored, so that a save that replaces it removes the old one
        (articles.photos.remove_replaced_files)."""
        photo = super().from_db(db, field_names, values, **kwargs)
        if "image" in photo.__dict__ and "renditions" in photo.__dict__:
            photo._stored_image = (str(photo.__dict__["image"] or ""), list(photo.__dict__["renditions"] or []))
        return photo

    @property
    def has_file(self):
        return bool(self.image) and self.image.storage.exists(self.image.name)

    @property
    def webp_srcset(self):
        """The WebP renditions as a srcset value ("" when none were made)."""
        return rendition_srcset(self.image, self.renditions) if self.image else ""


class Correction(models.Model):
    """A dated note appended to a published story; it is shown with the story, never edited into it."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField(default=timezone.localdate)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(max_length=2000, help_text="What was wrong and what is right, in a sentence or two.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["-date", "-id"], name="correction_newest")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.date:%Y-%m-%d}"


class ArticleRedirect(models.Model):
    """An address a story used to have (its old date and slug), kept so that old links still work."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")
    old_date = models.DateField()
    old_slug = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("old_slug"), "old_date", name="redirect_unique_old_address"),
        ]

    def __str__(self):
        return f"/{self.old_date:%Y/%m/%d}/{self.old_slug}/"


class TopicQuerySet(models.QuerySet):
    def with_public_stories(self):
        """Topics a reader may see: those of a public story (Article.objects.published()), as of the query."""
        return self.filter(Exists(Article.objects.published().filter(topics=OuterRef("pk"))))


class Topic(models.Model):
    """A subject that runs across sections and years, such as "Alibaba" or "Korea-China relations"."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    description = models.TextField(blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Topic, self.name, max_length=100, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return remembered_reverse(self, "articles:topic", slug=self.slug)
