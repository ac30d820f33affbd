"""A story's card and its reading level, as the lists of every page show them.

Rendered here rather than by an {% include %} per card: a page lists up to 32 cards, and a card
made by the template engine (its include, its `with`, some thirty variable lookups, a nested
include for the reading level) cost about 0.5 ms of CPU, most of a cold home page. The same markup
built with format_html costs a twentieth of that, and is escaped the same way.
"""

from html import escape

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext, pgettext

from ..models import Article

register = template.Library()


@register.simple_tag
def reading_level(article):
    """The story's reading level and minutes to read ("" for a story without a level)."""
    if not article.level:
        return ""
    minutes = ""
    if article.reading_minutes:
        count = ngettext("%(minutes)s min", "%(minutes)s min", article.reading_minutes) % {
            "minutes": article.reading_minutes
        }
        minutes = format_html(' <span aria-hidden="true">·</span> {}', mark_safe(count))
    return format_html(
        # The newline the included template ended with, kept so that no page changes by a byte.
        '<span class="reading-level" title="{}"><span class="visually-hidden">{} </span>{}{}</span>\n',
        gettext(
            "Reading level (A2 easiest, C2 hardest) and minutes to read, estimated from sentence length and how "
            "common the words are"
        ),
        gettext("Reading level"),
        article.level,
        minutes,
    )


@register.simple_tag
def story_card(article, *, show_photo=False, lead=False, level="3", no_dek=False):
    """A story's card: its photo (with `show_photo`), section, kind, reading level, headline, dek
    (unless `no_dek`), bylines and date; `level` is its headline's heading level, `lead` the page's
    first card (no lazy photo). The story comes shaped for cards (shape_cards(), for_cards()).

    Every value is escaped as the template escaped it (html.escape, which Django's escape wraps);
    the values are plain text from the database and the catalogue, none of it already safe HTML."""
    url = escape(article.get_absolute_url())
    photo = article.lead_photo if show_photo else None
    if photo is not None and not photo.image:
        photo = None
    classes = "card" + (" card--lead" if lead else "") + (" card--photo" if photo is not None else "")
    picture = ""
    if photo is not None:
        source = ""
        if photo.renditions:
            source = (
                f'<source type="image/webp" srcset="{escape(photo.webp_srcset)}"'
                ' sizes="(min-width: 48rem) 24rem, 100vw">'
            )
        size = f' width="{escape(str(photo.width))}" height="{escape(str(photo.height))}"' if photo.width else ""
        lazy = "" if lead else ' loading="lazy"'
        picture = (
            f'<a class="card__photo" href="{url}" tabindex="-1" aria-hidden="true"><picture>{source}'
            f'<img src="{escape(photo.image.url)}" alt=""{size}{lazy} decoding="async"></picture></a>'
        )
    section = article.section
    kind = ""
    if article.kind != Article.Kind.NEWS:
        label = article.get_kind_display()
        if label != section.name:
            kind = f' <span class="kind kind--{escape(article.kind)}">{escape(label)}</span>'
    level_html = f" {reading_level(article)}" if article.level else ""
    level = escape(str(level or "3"))
    dek = f'<p class="card__dek" lang="en">{escape(article.dek)}</p>' if article.dek and not no_dek else ""
    people = article.byline_people
    names = ", ".join(escape(person.name) for person in people)
    if people:
        names += ' <span aria-hidden="true">·</span> '
    machine = shown = ""
    if article.published_at:
        published = localtime(article.published_at)
        machine = published.strftime("%Y-%m-%dT%H:%M:%S%z")  # the date filter's 'Y-m-d\TH:i:sO'
        shown = escape(date_format(published, pgettext("date format", "M j, Y")))
    return mark_safe(
        f'<article class="{classes}">\n  {picture}\n'
        f'  <p class="card__meta"><a href="{escape(section.get_absolute_url())}">{escape(section.name)}</a>'
        f"{kind}{level_html}</p>\n"
        f'  <h{level} class="card__headline"><a href="{url}" lang="en">{escape(article.headline)}</a></h{level}>\n'
        f"  {dek}\n"
        f'  <p class="card__byline">{names}<time datetime="{machine}">{shown}</time></p>\n'
        "</article>\n"
    )
