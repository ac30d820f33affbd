"""Load the demo content from stories.json, so that a fresh install shows a living site at once.

Loading is idempotent. Each demo story is known by its key (kept in `source_file` as
``articles/demo/stories.json#<key>``), sections by their place in the tree, people by email (or by
name for credits without one), and pictures by their file name under MEDIA_ROOT/demo/. A second run
finds them all and changes only what differs from the file.

Dates in the file are relative to the day of the first load (the newsroom's zone). A published
story keeps its time once loaded, so its address does not move when the demo is loaded again; the
scheduled story is moved forward again once its time has passed, so that the admin always has one.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.crypto import salted_hmac

from newsroom import roles

from ..models import Article, Byline, Person, Photo, Section, Topic
from ..sanitize import paragraphs_to_html, sanitize_html
from . import pictures

DATA_FILE = Path(__file__).with_name("stories.json")
SOURCE = "articles/demo/stories.json#"
KINDS = set(Article.Kind.values)
STATUSES = {"published", "draft", "scheduled"}


class DemoDataError(ValueError):
    """The data file is not what the loader expects; the message says where."""


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    pictures_drawn: int = 0
    counts: dict = field(default_factory=dict)
    editor: str = ""
    password: str = ""
    editor_created: bool = False


def read_data(path=DATA_FILE):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DemoDataError(f"{path}: {exc}") from exc
    validate(data)
    return data


def validate(data):
    """Check the references inside the file, so that a mistake is named rather than half-loaded."""
    paths, names = set(), {person["name"] for person in data.get("people", [])}
    topic_names = {topic["name"] for topic in data.get("topics", [])}

    def walk(specs, prefix):
        for spec in specs:
            paths.add((*prefix, spec["name"]))
            walk(spec.get("children", []), (*prefix, spec["name"]))

    walk(data.get("sections", []), ())
    keys = set()
    for story in data.get("stories", []):
        key = story.get("key", "?")
        if key in keys:
            raise DemoDataError(f"story {key!r}: the key is used twice")
        keys.add(key)
        validate_story(story, f"story {key!r}", paths, names, topic_names)


def validate_story(story, where, paths, names, topic_names):
    if tuple(story.get("section", ())) not in paths:
        raise DemoDataError(f"{where}: no section {' › '.join(story.get('section', ()))!r}")
    missing = [name for name in story.get("bylines", []) if name not in names]
    if missing:
        raise DemoDataError(f"{where}: no person {', '.join(missing)!r} in people")
    if story.get("kind", "news") not in KINDS:
        raise DemoDataError(f"{where}: kind must be one of {', '.join(sorted(KINDS))}")
    status = story.get("status", "published")
    if status not in STATUSES:
        raise DemoDataError(f"{where}: status must be one of {', '.join(sorted(STATUSES))}")
    if status != "draft" and "published" not in story:
        raise DemoDataError(f"{where}: a {status} story needs a 'published' date")
    unknown = [name for name in story.get("topics", []) if name not in topic_names]
    if unknown:
        raise DemoDataError(f"{where}: no topic {', '.join(unknown)!r} in topics")
    for photo in story.get("photos", []):
        if photo.get("art", {}).get("motif") not in pictures.MOTIFS:
            raise DemoDataError(f"{where}: a photo's art.motif must be one of {', '.join(pictures.MOTIFS)}")


def editor_password(username):
    """The demo editor's default password: the same on every run of one install (so a second run
    does not log the editor out), different wherever SECRET_KEY differs."""
    digest = salted_hmac("newsroom.demo.editor", username, secret=settings.SECRET_KEY, algorithm="sha256")
    return digest.hexdigest()[:16]


def _load_sections(specs, parent=None, found=None, prefix=()):
    found = {} if found is None else found
    for position, spec in enumerate(specs):
        section = Section.objects.filter(parent=parent, name__iexact=spec["name"]).order_by("pk").first()
        if section is None:
            section = Section.objects.create(
                parent=parent, name=spec["name"], description=spec.get("description", ""), position=position
            )
        path = (*prefix, spec["name"])
        found[path] = section
        _load_sections(spec.get("children", []), section, found, path)
    return found


def _load_people(specs):
    people = {}
    for spec in specs:
        email = spec.get("email", "")
        matches = (
            Person.objects.filter(email__iexact=email) if email else Person.objects.filter(name__iexact=spec["name"])
        )
        person = matches.order_by("pk").first()
        if person is None:
            person = Person.objects.create(
                name=spec["name"], email=email, bio=spec.get("bio", ""), is_agency=spec.get("is_agency", False)
            )
        people[spec["name"]] = person
    return people


def _when(spec, now):
    """An aware datetime from {"days_ago"|"days_ahead", "time"} in the newsroom's zone."""
    today = timezone.localdate(now)
    days = spec.get("days_ahead", 0) - spec.get("days_ago", 0)
    hour, minute = (int(part) for part in spec.get("time", "09:00").split(":"))
    local = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour, minute))
    return timezone.make_aware(local)


def _picture(key, number, art, summary):
    """The picture's file name under MEDIA_ROOT, drawn only when the file is not there yet. The name
    carries a digest of the description, so a picture changed in the file is drawn anew."""
    digest = hashlib.sha256(json.dumps(art, sort_keys=True).encode()).hexdigest()[:8]
    name = f"demo/{key}-{number}-{digest}.jpg"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(pictures.render(art, seed=f"{key}-{number}")))
        summary.pictures_drawn += 1
    return name


def _load_story(spec, article, sections, people, now, position, summary):
    status = spec.get("status", "published")
    wanted = {
        "headline": spec["headline"],
        "dek": spec.get("dek", ""),
        "kind": spec.get("kind", "news"),
        "section_id": sections[tuple(spec["section"])].pk,
        "body": sanitize_html(paragraphs_to_html(spec["body"])),
        "status": Article.Status.DRAFT if status == "draft" else Article.Status.PUBLISHED,
    }
    if status == "draft":
        wanted["published_at"] = None
    elif status == "scheduled":
        if article is None or article.published_at is None or article.published_at <= now:
            wanted["published_at"] = _when(spec["published"], now)
    elif article is None or article.published_at is None:
        # Never in the future: a story "published today at 07:40" loaded at 05:00 is dated just now.
        wanted["published_at"] = min(_when(spec["published"], now), now - datetime.timedelta(minutes=position + 1))

    created = article is None
    if created:
        article = Article(source_file=SOURCE + spec["key"])
    changed = created or any(getattr(article, name) != value for name, value in wanted.items())
    for name, value in wanted.items():
        setattr(article, name, value)
    if changed:
        article.save()

    person_ids = [people[name].pk for name in spec.get("bylines", [])]
    if created or [b.person_id for b in article.bylines.all()] != person_ids:
        article.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=article, person_id=pk, position=n) for n, pk in enumerate(person_ids)
        )
        changed = True

    photos = [
        Photo(
            article=article,
            image=_picture(spec["key"], n + 1, photo["art"], summary),
            width=pictures.WIDTH,
            height=pictures.HEIGHT,
            caption=photo.get("caption", ""),
            credit=photo.get("credit", ""),
            alt_text=photo.get("alt", ""),
            position=n,
        )
        for n, photo in enumerate(spec.get("photos", []))
    ]

    def shape(rows):
        return [(p.image.name, p.caption, p.credit, p.alt_text, p.position) for p in rows]

    if created or shape(article.photos.all()) != shape(photos):
        article.photos.all().delete()
        Photo.objects.bulk_create(photos)
        changed = True

    if created and article.published_at:
        # A demo story reads as written on its day: otherwise every one would say "Updated today".
        Article.objects.filter(pk=article.pk).update(created_at=article.published_at, updated_at=article.published_at)
    if created:
        summary.created += 1
    elif changed:
        summary.updated += 1
    else:
        summary.unchanged += 1


def _load_editor(username, password, summary):
    # The demo editor is what any editor is: staff in the Editors group and nothing more. The group
    # is synced first, so it holds the declared permissions even if it was changed since the last migrate.
    roles.sync_roles()
    group = Group.objects.get(name=roles.EDITORS)
    user_model = get_user_model()
    user, summary.editor_created = user_model.objects.get_or_create(
        username=username, defaults={"first_name": "Demo", "last_name": "Editor"}
    )
    password_is_new = not user.check_password(password)
    if password_is_new:
        user.set_password(password)
    if password_is_new or not (user.is_staff and user.is_active) or summary.editor_created:
        user.is_staff = user.is_active = True
        user.save()
    user.groups.add(group)
    summary.editor, summary.password = username, password


def _load_topics(specs, stories):
    """The topics, found by name, and the stories tagged with them."""
    topics = {}
    for spec in specs:
        topic, _ = Topic.objects.get_or_create(
            name=spec["name"], defaults={"description": spec.get("description", "")}
        )
        topics[spec["name"]] = topic
    articles = {a.source_file: a for a in Article.objects.filter(source_file__startswith=SOURCE)}
    for story in stories:
        if "topics" in story:
            articles[SOURCE + story["key"]].topics.set([topics[name] for name in story["topics"]])


def load(*, username="editor", password=None, now=None, path=DATA_FILE):
    """Load (or bring up to date) the demo content and the demo editor; returns a Summary."""
    data = read_data(path)
    now = now or timezone.now()
    summary = Summary()
    with transaction.atomic():
        sections = _load_sections(data["sections"])
        people = _load_people(data["people"])
        existing = {
            article.source_file[len(SOURCE) :]: article
            for article in Article.objects.filter(source_file__startswith=SOURCE).prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.order_by("position", "pk")),
                Prefetch("photos", queryset=Photo.objects.order_by("position", "pk")),
            )
        }
        for position, spec in enumerate(data["stories"]):
            _load_story(spec, existing.get(spec["key"]), sections, people, now, position, summary)
        _load_topics(data.get("topics", []), data["stories"])
        _load_editor(username, password or editor_password(username), summary)

    stories = data["stories"]
    summary.counts = {
        "stories": len(stories),
        "published": sum(s.get("status", "published") == "published" for s in stories),
        "drafts": sum(s.get("status") == "draft" for s in stories),
        "scheduled": sum(s.get("status") == "scheduled" for s in stories),
        "sections": len(sections),
        "people": len(people),
        "photos": sum(len(s.get("photos", [])) for s in stories),
    }
    return summary
