"""The admin's story form as a browser posts it, for tests that save stories through the desk."""

from django.utils import timezone

from articles.models import Article


def form_data(article=None, *, bylines=(), photos=(), corrections=False, **fields):
    """The admin's article form as a browser would post it, starting from `article` as stored.

    `bylines` are (person, position) pairs for new rows; existing rows of `article` are sent as they are.
    `photos` are dicts of fields for new photo rows. `fields` override the story's own values, e.g.
    status="published", published_at=datetime (sent as the admin's date and time boxes).
    """
    values = {
        "headline": "",
        "slug": "",
        "dek": "",
        "section": "",
        "kind": Article.Kind.NEWS,
        "body": "",
        "status": Article.Status.DRAFT,
        "published_at": None,
        "legacy_id": "",
        "time_known": True,
        "headline_ko": "",
        "dek_ko": "",
        "body_ko": "",
        "edit_lock": 0,
    }
    if article is not None:
        values |= {
            "headline": article.headline,
            "slug": article.slug,
            "dek": article.dek,
            "section": article.section_id,
            "kind": article.kind,
            "body": article.body,
            "status": article.status,
            "published_at": article.published_at,
            "legacy_id": article.legacy_id,
            "headline_ko": article.headline_ko,
            "dek_ko": article.dek_ko,
            "body_ko": article.body_ko,
            "ko_unaligned": article.ko_unaligned,
            "time_known": article.time_known,
            "edit_lock": article.lock_version,
        }
    values |= fields
    when = values.pop("published_at")
    data = {key: "" if value is None else value for key, value in values.items()}
    # A checkbox is sent only when ticked.
    for box in ("ko_unaligned", "time_known"):
        if data.pop(box, False):
            data[box] = "on"
    if hasattr(data["section"], "pk"):
        data["section"] = data["section"].pk
    if when:
        local = timezone.localtime(when)
        data["published_at_0"], data["published_at_1"] = f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"
    else:
        data["published_at_0"] = data["published_at_1"] = ""

    existing_bylines = list(article.bylines.all()) if article is not None else []
    rows = [(b.pk, b.person_id, b.position) for b in existing_bylines] + [
        (None, person.pk, position) for person, position in bylines
    ]
    data |= _management("bylines", len(rows), len(existing_bylines))
    for i, (pk, person_id, position) in enumerate(rows):
        data |= {f"bylines-{i}-id": pk or "", f"bylines-{i}-person": person_id, f"bylines-{i}-position": position}
        data[f"bylines-{i}-article"] = article.pk if article is not None else ""

    existing_photos = list(article.photos.all()) if article is not None else []
    data |= _management("photos", len(existing_photos) + len(photos), len(existing_photos))
    for i, photo in enumerate(existing_photos):
        data |= {
            f"photos-{i}-id": photo.pk,
            f"photos-{i}-article": article.pk,
            f"photos-{i}-caption": photo.caption,
            f"photos-{i}-credit": photo.credit,
            f"photos-{i}-alt_text": photo.alt_text,
            f"photos-{i}-position": photo.position,
        }
        if photo.decorative:
            data[f"photos-{i}-decorative"] = "on"
    for j, photo in enumerate(photos, start=len(existing_photos)):
        data |= {f"photos-{j}-id": "", f"photos-{j}-article": article.pk if article is not None else ""}
        for key, value in photo.items():
            if key == "decorative":
                if value:
                    data[f"photos-{j}-decorative"] = "on"
            else:
                data[f"photos-{j}-{key}"] = value

    if corrections or (article is not None and article.pub_date):
        existing = list(article.corrections.all()) if article is not None else []
        data |= _management("corrections", len(existing), len(existing))
        for i, correction in enumerate(existing):
            data |= {
                f"corrections-{i}-id": correction.pk,
                f"corrections-{i}-article": article.pk,
                f"corrections-{i}-date": f"{correction.date:%Y-%m-%d}",
                f"corrections-{i}-kind": correction.kind,
                f"corrections-{i}-text": correction.text,
            }
    # The dictionary's "Words in this story" inline, shown to those who may pin words: none added.
    data |= _management("dictionary_terms", 0, 0)
    return data


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
