"""Revision history of stories, kept by django-reversion: every save of a story in the admin (and every
bulk action, restore and correction) stores a revision holding the story with its bylines, photos
and corrections, with who saved it and when. This module reads those revisions back as snapshots,
compares two of them, and restores one (the restore is itself saved as a new revision).
"""

import difflib
import re
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from reversion.models import Version

from newsroom.cluster.tasks import renditions_pending, request_renditions

from ..models import Article, Byline, Correction, Person, Photo, Section

# What a restore puts back: the story's content. Its publishing state (status and time) is not
# rolled back with it: publishing goes through the workflow and its permissions.
CONTENT_FIELDS = [
    "headline",
    "slug",
    "dek",
    "section_id",
    "kind",
    "body",
    "headline_ko",
    "dek_ko",
    "body_ko",
    "ko_unaligned",
]
PHOTO_FIELDS = ["image", "width", "height", "caption", "credit", "alt_text", "decorative", "position"]


def register():
    reversion.register(Article, follow=["bylines", "photos", "corrections"], exclude=["lock_version"])
    reversion.register(Byline)
    reversion.register(Photo, exclude=["renditions"])
    reversion.register(Correction)


BASELINE_COMMENT = "The story as it stood before its first save in the desk (as imported or generated)."


def ensure_baseline(pk):
    """Record the stored story as a first version if it has none yet.

    Stories come in through the importer and the generator without versions; without this, the
    first edit in the desk would have nothing to be compared with or restored to.
    """
    if Version.objects.get_for_object_reference(Article, pk).exists():
        return
    stored = Article.objects.filter(pk=pk).first()
    if stored is None:
        return
    with reversion.create_revision():
        reversion.set_comment(BASELINE_COMMENT)
        if stored.updated_at:
            reversion.set_date_created(stored.updated_at)
        reversion.add_to_revision(stored)


def save_with_revision(article, user, comment, **save_kwargs):
    """Save `article` and record the result as one revision (used by bulk actions and the desk's buttons)."""
    if article.pk:
        ensure_baseline(article.pk)
    with reversion.create_revision():
        article.save(**save_kwargs)
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)


def history(article):
    """The story's versions, newest first, each with its revision (who, when, what) at hand."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


@dataclass
class Snapshot:
    """A story as one revision stored it."""

    revision: object
    fields: dict
    bylines: list
    photos: list
    corrections: list


def snapshot(version):
    """The story, its bylines, photos and corrections as stored in `version`'s revision."""
    article_id = int(version.object_id)
    bylines, photos, corrections = [], [], []
    for other in version.revision.version_set.all():
        model = other._model
        if model is Article:
            continue
        data = other.field_dict
        if data.get("article_id") != article_id:
            continue
        bucket = {Byline: bylines, Photo: photos, Correction: corrections}.get(model)
        if bucket is not None:
            bucket.append(data | {"id": int(other.object_id)})
    return Snapshot(
        revision=version.revision,
        fields=version.field_dict,
        bylines=sorted(bylines, key=lambda b: (b["position"], b["id"])),
        photos=sorted(photos, key=lambda p: (p["position"], p["id"])),
        corrections=sorted(corrections, key=lambda c: (c["date"], c["id"])),
    )


def readable(snap):
    """The snapshot as (label, text) pairs, in the order an editor reads a story."""
    fields = snap.fields
    section = Section.objects.filter(pk=fields.get("section_id")).first()
    people = Person.objects.in_bulk([b["person_id"] for b in snap.bylines])
    published_at = fields.get("published_at")
    return [
        ("Headline", fields.get("headline", "")),
        ("Slug", fields.get("slug", "")),
        ("Summary", fields.get("dek", "")),
        ("Section", str(section) if section else f"(section {fields.get('section_id')} no longer exists)"),
        ("Kind", Article.Kind(fields["kind"]).label if fields.get("kind") in Article.Kind.values else ""),
        ("Status", Article.Status(fields["status"]).label if fields.get("status") in Article.Status.values else ""),
        ("Publication time", f"{timezone.localtime(published_at):%Y-%m-%d %H:%M}" if published_at else "none"),
        ("Body", body_text(fields.get("body", ""))),
        ("Bylines", ", ".join(str(people.get(b["person_id"], "(removed person)")) for b in snap.bylines)),
        ("Photos", "\n".join(photo_text(p) for p in snap.photos)),
        ("Corrections", "\n".join(f"{c['date']:%Y-%m-%d} {c['kind']}: {c['text']}" for c in snap.corrections)),
    ]


def body_text(html):
    """A body as plain text, one block (paragraph, heading, item) a line, for reading a diff."""
    blocks = re.sub(r"(?i)</(p|h2|h3|li|blockquote)>|<br\s*/?>", "\n", html or "")
    return "\n".join(line.strip() for line in strip_tags(blocks).splitlines() if line.strip())


def photo_text(photo):
    image = str(photo.get("image") or "(no image file)")
    alt = "decorative" if photo.get("decorative") else f"alt “{photo.get('alt_text', '')}”"
    return f"{image} · “{photo.get('caption', '')}” [{photo.get('credit', '')}] · {alt}"


def word_diff(old, new):
    """HTML marking the words removed (<del>) and added (<ins>) from `old` to `new`; lines kept."""
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # Every piece of text is escaped above.


def compare(old_snap, new_snap):
    """The fields that differ between two snapshots: (label, old text, new text, marked-up diff)."""
    changes = []
    for (label, old), (_, new) in zip(readable(old_snap), readable(new_snap), strict=True):
        if old != new:
            changes.append((label, old, new, word_diff(old, new)))
    return changes


def restore(article, version, user):
    """Put the content of `version` back into `article` (bylines and photos included), as a new revision.

    The desk calls this through actions.restore, which checks the user and the version's section first.
    """
    snap = snapshot(version)
    when = timezone.localtime(snap.revision.date_created)
    with transaction.atomic(), reversion.create_revision():
        current = Article.objects.select_for_update().get(pk=article.pk)
        for name in CONTENT_FIELDS:
            # A version saved before a field existed keeps the story's current value for it.
            setattr(current, name, snap.fields.get(name, getattr(current, name)))
        current.save()

        wanted = [b["person_id"] for b in snap.bylines]
        existing_people = set(Person.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        current.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=current, person_id=b["person_id"], position=b["position"])
            for b in snap.bylines
            if b["person_id"] in existing_people
        )
        for byline in current.bylines.all():
            reversion.add_to_revision(byline)

        kept = []
        for data in snap.photos:
            photo = Photo.objects.filter(pk=data["id"], article=current).first()
            photo = photo or Photo(pk=data["id"], article=current)
            file_before = photo.image.name
            for name in PHOTO_FIELDS:
                setattr(photo, name, data[name])
            if photo.image.name != file_before:
                photo.renditions = []  # The revision keeps no widths: the restored file's are made again.
            photo.save()
            if renditions_pending(photo):
                request_renditions(photo)
            kept.append(photo.pk)
        current.photos.exclude(pk__in=kept).delete()

        reversion.set_user(user)
        reversion.set_comment(f"Restored the version of {when:%Y-%m-%d %H:%M} (revision {snap.revision.pk}).")
        reversion.add_to_revision(current)
    return current
