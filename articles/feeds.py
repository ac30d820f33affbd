"""RSS 2.0 and Atom feeds: the latest stories, and each section's, author's and topic's.

Every feed starts from Article.objects.published(), newest first, shaped for lists (section,
bylines, photos in a fixed number of queries whatever the feed's length). A section, person or
topic with no public story has no feed: a 404, as its page is.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from .models import Article, Person, Section, Topic
from .sanitize import html_to_text

FEED_LENGTH = 30


class LatestFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request  # photo enclosures need absolute URLs, which need the request
        return super().__call__(request, *args, **kwargs)

    def title(self, obj=None):
        name = settings.NEWSROOM["NAME"]
        return f"{obj.name} | {name}" if obj is not None else f"{name}: latest stories"

    def link(self, obj=None):
        return obj.get_absolute_url() if obj is not None else "/"

    def description(self, obj=None):
        if obj is None:
            return settings.NEWSROOM["TAGLINE"]
        return f"The latest stories from {obj.name} in {settings.NEWSROOM['NAME']}."

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return list(self.stories(obj).for_lists().newest_first()[:FEED_LENGTH])

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.dek or Truncator(html_to_text(item.body)).words(60)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return ", ".join(person.name for person in item.byline_people) or None

    def item_categories(self, item):
        return [item.section.name]

    def item_guid(self, item):
        return f"{settings.NEWSROOM['NAME'].lower().replace(' ', '-')}:article:{item.pk}"

    item_guid_is_permalink = False

    def item_enclosure_url(self, item):
        photo = item.lead_photo
        return self.request.build_absolute_uri(photo.image.url) if photo and photo.image else None

    def item_enclosure_length(self, item):
        return 0  # unknown; RSS asks for the attribute, 0 is the accepted value for "unknown"

    def item_enclosure_mime_type(self, item):
        """The type the photo's file name says: a PNG or WebP upload is not a JPEG."""
        photo = item.lead_photo
        if not (photo and photo.image):
            return None
        return mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"


class SectionFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section.objects.with_public_stories(), slug=slug)

    def stories(self, obj):
        return Article.objects.published().filter(section_id__in=obj.descendant_ids())


class PersonFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Person.objects.with_public_stories(), slug=slug)

    def stories(self, obj):
        return Article.objects.published().filter(bylines__person=obj)


class TopicFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.with_public_stories(), slug=slug)

    def stories(self, obj):
        return Article.objects.published().filter(topics=obj)


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(
        f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": Atom1Feed, "subtitle": feed_class.description}
    )


LatestAtomFeed, SectionAtomFeed, PersonAtomFeed, TopicAtomFeed = (
    atom(cls) for cls in (LatestFeed, SectionFeed, PersonFeed, TopicFeed)
)
