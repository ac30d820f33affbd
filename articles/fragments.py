"""What many pages repeat (the section tree and navigation, a story's related stories), kept in the cache.

Each piece is stored under the page cache's "site" version (newsroom.pagecache; a story's card under
finer ones, articles.cards), so it goes stale exactly when the pages do: every write a public page
shows bumps that version (newsroom.invalidation), and no piece outlives the next scheduled publication.
A page rendered after a write reads the new version and builds each piece once; the pages after it
reuse it. A render that read the version before a write stores what it built under the old version,
which no later reader asks for.
"""

import time

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.translation import get_language

from newsroom import pagecache

KEY = "fragment:{name}:{version}"


def site_version(request=None):
    """The "site" version this render depends on: the one the page cache read for the request, if any."""
    tags = getattr(request, "page_cache_tags", None)
    if tags and pagecache.SITE in tags:
        return tags[pagecache.SITE]
    return pagecache.versions([pagecache.SITE])[pagecache.SITE]


def tag_versions(request, tags):
    """The versions of more page-cache tags a piece depends on, read now (before it is built) and
    recorded for the page, whose cached copy then depends on them too."""
    for tag in tags:
        pagecache.depends_on(request, tag)
    known = getattr(request, "page_cache_tags", None) or {}
    missing = [tag for tag in tags if tag not in known]
    return {**{tag: known[tag] for tag in tags if tag in known}, **(pagecache.versions(missing) if missing else {})}


def cached(name, build, request=None, *, timed=True, lifetime=None, tags=()):
    """build(), or what it returned for the same site version (and versions of `tags`) before.

    A timed piece lists stories, so it may not outlive the next scheduled publication (one query per
    site version, shared with the page cache); an untimed one changes only by writes; `lifetime`,
    given what was built, says for how many seconds it holds.
    """
    versions = {pagecache.SITE: site_version(request), **tag_versions(request, tags)}
    version = versions[pagecache.SITE]
    key = KEY.format(name=name, version=":".join(versions[tag] for tag in (pagecache.SITE, *tags)))
    # A page asks for the section tree several times (its view, its cards, the navigation): read from the
    # cache once per request (the key carries the version, so a request holds one version's piece).
    seen = request.__dict__.setdefault("_fragments", {}) if request is not None else {}
    if key in seen:
        return seen[key]
    value = cache.get(key)
    if value is None:
        value = build()
        if lifetime is not None:
            seconds = lifetime(value)
        else:
            seconds = pagecache.lifetime({pagecache.SITE: version}) if timed else pagecache.MAX_AGE
        seconds = min(seconds, pagecache.settling(versions))
        if seconds > 0:
            cache.set(key, value, seconds)
    seen[key] = value
    return value


def cached_many(items, build, request=None, *, tags=None):
    """{name: value} for each name of `items` ({name: what its value is built from}): what was kept for
    the same versions, and for the names not found, build([their items]) (values in their order), built
    in one call and kept together (a value of None, for an item that has none, is not kept). Each name
    is kept under the site version, or under the versions of the tags `tags` gives it ({name: tags}; tags
    that may be missing from the cache: pagecache.versions_or_new()). Untimed: for pieces that change
    only by writes.
    """
    named = {name: tags[name] if tags else (pagecache.SITE,) for name in items}
    wanted = {tag for these in named.values() for tag in these}
    known = {pagecache.SITE: site_version(request)} if pagecache.SITE in wanted else {}
    versions = {**known, **pagecache.versions_or_new(sorted(wanted - set(known)))}
    keys = {
        name: KEY.format(name=name, version=":".join(versions[tag] for tag in these)) for name, these in named.items()
    }
    seen = request.__dict__.setdefault("_fragments", {}) if request is not None else {}
    found = {name: seen[key] for name, key in keys.items() if key in seen}
    if len(found) < len(keys):
        kept = cache.get_many([key for name, key in keys.items() if name not in found])
        found.update({name: kept[key] for name, key in keys.items() if key in kept})
    missing = [name for name in items if name not in found]
    if missing:
        built = dict(zip(missing, build([items[name] for name in missing]), strict=True))
        seconds = pagecache.settling(versions)  # MAX_AGE where nothing settles
        if seconds > 0:
            cache.set_many({keys[name]: value for name, value in built.items() if value is not None}, seconds)
        found.update(built)
    seen.update({keys[name]: value for name, value in found.items()})
    return found


def section_tree(request=None):
    """Section.tree(), read from the database once per site version, and kept no later than the next
    scheduled publication, which may make a section public (the tree's own query tells when)."""
    from .models import Section

    return cached("section-tree", Section.load_tree, request, lifetime=tree_lifetime)


def tree_lifetime(tree):
    upcoming = next((s.next_publication for sections in tree.values() for s in sections), None)
    if upcoming is None:
        return pagecache.MAX_AGE
    return min(pagecache.MAX_AGE, int(upcoming.timestamp() - time.time()))


def related_html(request, article):
    """The related stories under a story, rendered once per site version and interface language."""
    from .topics import related_stories

    return cached(
        f"related:{article.pk}:{get_language()}",
        lambda: render_to_string("includes/related.html", {"related": related_stories(article, request)}),
        request,
    )


# A story page's own parts: the meta description, the head's links and social metadata, and the story
# itself (headline to topics, share links and related stories). Each template takes `article`.
STORY_PARTS = {
    "description": "includes/story_description.html",
    "head": "includes/article_meta.html",
    "story": "includes/story.html",
}


def story_parts(request, article, *, preview=False):
    """The rendered parts of a story's page (STORY_PARTS), kept per site version, interface language and
    host (its links are absolute on the request's host unless SITE_URL is set).

    A page the page cache misses (and every page of a logged-in reader, which it never keeps) then
    reads the story's row and nothing else of it: its bylines, photos, corrections and topics are
    fetched only when the parts are built. Nothing of the reader's is in them. A preview (a draft, or
    a story not yet public) is built for its request and never kept.
    """
    from .models import page_relations

    def build():
        prefetch_related_objects([article], *page_relations())
        context = {"article": article, "preview": preview}
        # A preview is not for sharing or indexing: no head metadata (a draft has no date to give it).
        return {
            name: "" if preview and name == "head" else render_to_string(template, context, request)
            for name, template in STORY_PARTS.items()
        }

    if preview:
        return build()
    host = f"{request.scheme}://{request.get_host()}" if request is not None else ""
    return cached(f"story:{article.pk}:{get_language()}:{host}", build, request)
