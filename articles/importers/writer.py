"""ArticleRecords written to the database: which story a record is, who wrote it, where it belongs,
and whether an editor has changed the story since it was last imported.

Identity: the legacy id where the record has one, else the normalized headline and the date.
A story whose `import_digest` no longer matches its state was changed by an editor: it is left
alone. People and sections are found before they are made, so nothing is duplicated.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, time

from django.db.models import Q
from django.utils import timezone

from articles.desk.workflow import slug_clash
from articles.models import Article, Byline, Person, Photo, Section, local_date, unique_slug
from articles.sanitize import paragraphs_to_html, sanitize_html

from .records import headline_key, start_of_day

EDITED = "left alone: an editor has changed the story since its import"
UNDATED = "no date on the page and no --published: imported as a draft"


@dataclass
class Outcome:
    action: str  # created, updated, unchanged or draft: the first word of the command's line
    article: Article
    note: str = ""  # said on stderr; not a failure


def write(record, *, source, published=None, force_draft=False, sole=True):
    """Create or update the story a record describes; the caller holds the transaction.

    `source` is the file's path; `sole` says the record is the only story in its file.
    """
    source = str(source)[-500:]
    published_at = record.published_at or (start_of_day(published) if published else None)
    article = find(record, published_at, source, sole=sole)
    if article is not None and article.import_digest != digest(article):
        return Outcome("unchanged", article, EDITED)

    if article is not None and published_at is None:
        # No date this time: the date and status an earlier run gave the story (by --published) stand.
        published_at, status = article.published_at, article.status
    else:
        status = Article.Status.DRAFT if published_at is None else Article.Status.PUBLISHED
    section = resolve_section(record.sections)
    people = list(dict.fromkeys(resolve_person(byline) for byline in record.bylines))
    fields = {
        "headline": record.headline,
        "section_id": section.pk,
        "dek": record.dek,
        "kind": record.kind or Article.Kind.NEWS,
        "body": sanitize_html(paragraphs_to_html(record.paragraphs)),
        "status": Article.Status.DRAFT if force_draft else status,
        "published_at": published_at,
        "legacy_id": record.legacy_id,
        "time_known": record.published_at is not None and timezone.localtime(record.published_at).time() != time.min,
        **record.korean_fields(),
    }
    photos = [(p.caption, p.credit, p.alt_text, "") for p in record.photos]
    is_draft = fields["status"] == Article.Status.DRAFT
    note = UNDATED if published_at is None else ""

    if article is not None:
        day = local_date(published_at)
        if day != article.pub_date and slug_clash(article.slug, published_at, exclude_pk=article.pk):
            # Moving to another day (an undated draft given its date) whose stories already use the slug.
            article.slug = unique_slug(Article, record.headline, exclude_pk=article.pk, pub_date=day)
        if digest_of({**fields, "slug": article.slug}, [p.pk for p in people], photos) == article.import_digest:
            return Outcome("unchanged", article)
        action = "draft" if is_draft else "updated"
    else:
        article = Article()
        action = "draft" if is_draft else "created"
    for name, value in fields.items():
        setattr(article, name, value)
    article.source_file = source
    article.save()
    write_bylines(article, people)
    write_photos(article, record.photos)
    stamps = {"import_digest": digest(article)}
    if action == "created" and published_at <= timezone.now():
        # An archived story is as it was printed: importing it is not an update a reader should see.
        stamps["updated_at"] = article.updated_at = published_at
    Article.objects.filter(pk=article.pk).update(**stamps)
    return Outcome(action, article, note)


def find(record, published_at, source, *, sole):
    """The story this record was imported as before, or None."""
    if record.legacy_id:
        found = Article.objects.filter(legacy_id=record.legacy_id).first()
        if found is not None:
            return found
    day = local_date(published_at)
    # An undated import is a draft without a date: a later run with a date finds it by its file.
    if day is not None:
        candidates = Article.objects.filter(Q(pub_date=day) | Q(pub_date=None, source_file=source))
    else:
        candidates = Article.objects.filter(Q(pub_date=None) | Q(source_file=source))
    if record.legacy_id:
        candidates = candidates.filter(legacy_id="")
    key = headline_key(record.headline)
    # Narrowed in SQL by the headline's longest word, compared loosely in Python.
    words = [w for w in re.findall(r"[a-z0-9]+", key) if w in record.headline.casefold()]
    word = max(words, key=len, default="")
    rows = candidates.filter(headline__icontains=word) if len(word) >= 3 else candidates
    matches = [
        (pk, pub_date)
        for pk, headline, pub_date in rows.values_list("pk", "headline", "pub_date")
        if headline_key(headline) == key
    ]
    if not matches and sole:
        # An editor may have rewritten the headline: the one story of this file on that day is it.
        matches = list(candidates.filter(source_file=source).values_list("pk", "pub_date")[:2])
        matches = matches if len(matches) == 1 else []
    if not matches:
        return None
    # A story on the very date beats an undated draft of the same file; then the oldest.
    pk, _ = min(matches, key=lambda m: (m[1] != day, m[0]))
    return Article.objects.get(pk=pk)


def resolve_section(names):
    """The section at the end of the breadcrumb, made (with its parents) where it is new."""
    parent = None
    for name in names:
        section = Section.objects.filter(parent=parent, name__iexact=name).first()
        parent = section or Section.objects.create(name=name, parent=parent)
    return parent


def resolve_person(byline):
    """The same email is the same person; else the same name; else a new person."""
    if byline.is_agency:
        found = Person.objects.filter(name__iexact=byline.name).order_by("-is_agency", "pk").first()
        return found or Person.objects.create(name=byline.name, is_agency=True)
    if byline.email:
        found = Person.objects.filter(email__iexact=byline.email).first()
        if found is not None:
            return found
        found = Person.objects.filter(name__iexact=byline.name, email="", is_agency=False).order_by("pk").first()
        if found is not None:
            found.email = byline.email
            found.save(update_fields=["email"])
            return found
        return Person.objects.create(name=byline.name, email=byline.email)
    found = Person.objects.filter(name__iexact=byline.name, is_agency=False).order_by("pk").first()
    return found or Person.objects.create(name=byline.name)


def write_bylines(article, people):
    article.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(article=article, person=person, position=position) for position, person in enumerate(people)
    )


def write_photos(article, records):
    """Photos kept in place by position (an imported photo has no file), extras removed."""
    existing = list(article.photos.order_by("position", "pk"))
    for position, record in enumerate(records):
        photo = existing[position] if position < len(existing) else Photo(article=article)
        photo.caption, photo.credit, photo.alt_text = record.caption, record.credit, record.alt_text
        photo.position = position
        photo.save()
    Photo.objects.filter(pk__in=[p.pk for p in existing[len(records) :]]).delete()


DIGEST_FIELDS = ("headline", "slug", "section_id", "dek", "kind", "body", "status", "published_at", "legacy_id")
# In the digest only when a story has Korean, so that the digests of stories imported before
# there was a Korean version still match, and their re-imports still update them.
KOREAN_FIELDS = ("headline_ko", "dek_ko", "body_ko", "ko_unaligned")


def digest(article):
    """The digest of a story as it stands in the database, bylines and photos included."""
    return digest_of(
        {name: getattr(article, name) for name in DIGEST_FIELDS + KOREAN_FIELDS},
        list(article.bylines.order_by("position", "pk").values_list("person_id", flat=True)),
        list(article.photos.order_by("position", "pk").values_list("caption", "credit", "alt_text", "image")),
    )


def digest_of(fields, person_ids, photos):
    when = fields["published_at"]
    values = {**fields, "published_at": when.astimezone(UTC).isoformat() if when else None}
    names = DIGEST_FIELDS + KOREAN_FIELDS if any(values[name] for name in KOREAN_FIELDS) else DIGEST_FIELDS
    payload = json.dumps([[values[name] for name in names], person_ids, [list(p) for p in photos]])
    return hashlib.sha256(payload.encode()).hexdigest()
