"""A story's card and its reading level, as the lists of every page show them.

Rendered here rather than by an {% include %} per card: a page lists up to 32 cards, and a card
made by the template engine (its include, its `with`, some thirty variable lookups, a nested
include for the reading level) cost about 0.5 ms of CPU, most of a cold home page. The same markup
built with format_html costs a twentieth of that, and is escaped the same way.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext, pgettext

from ..models import Article

register = template.Library()

# As the date filter writes them for a <time datetime="…">.
MACHINE_DATETIME = r"Y-m-d\TH:i:sO"


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
    first card (no lazy photo). The story comes shaped for cards (shape_cards(), for_cards())."""
    url = article.get_absolute_url()
    photo = article.lead_photo if show_photo else None
    if photo is not None and not photo.image:
        photo = None
    classes = "card" + (" card--lead" if lead else "") + (" card--photo" if photo is not None else "")
    picture = ""
    if photo is not None:
        source = ""
        if photo.renditions:
            source = format_html(
                '<source type="image/webp" srcset="{}" sizes="(min-width: 48rem) 24rem, 100vw">', photo.webp_srcset
            )
        size = format_html(' width="{}" height="{}"', photo.width, photo.height) if photo.width else ""
        picture = format_html(
            '<a class="card__photo" href="{}" tabindex="-1" aria-hidden="true"><picture>{}<img src="{}" alt=""{}{}'
            ' decoding="async"></picture></a>',
            url,
            source,
            photo.image.url,
            size,
            "" if lead else mark_safe(' loading="lazy"'),
        )
    section = article.section
    kind = ""
    if article.kind != Article.Kind.NEWS:
        label = article.get_kind_display()
        if label != section.name:
            kind = format_html(' <span class="kind kind--{}">{}</span>', article.kind, label)
    level_html = format_html(" {}", reading_level(article)) if article.level else ""
    level = level or "3"
    dek = format_html('<p class="card__dek" lang="en">{}</p>', article.dek) if article.dek and not no_dek else ""
    people = article.byline_people
    names = ", ".join(conditional_escape(person.name) for person in people)
    if people:
        names += ' <span aria-hidden="true">·</span> '
    published = localtime(article.published_at) if article.published_at else None
    return format_html(
        '<article class="{}">\n  {}\n'
        '  <p class="card__meta"><a href="{}">{}</a>{}{}</p>\n'
        '  <h{} class="card__headline"><a href="{}" lang="en">{}</a></h{}>\n'
        "  {}\n"
        '  <p class="card__byline">{}<time datetime="{}">{}</time></p>\n'
        "</article>\n",
        classes,
        picture,
        section.get_absolute_url(),
        section.name,
        kind,
        level_html,
        level,
        url,
        article.headline,
        level,
        dek,
        SafeString(names),
        date_format(published, MACHINE_DATETIME) if published else "",
        date_format(published, pgettext("date format", "M j, Y")) if published else "",
    )
