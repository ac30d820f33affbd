"""The parts of every page's chrome that are the same for every reader, as cached fragments.

The section navigation and the footer's links cost about a millisecond of CPU on every page the page
cache misses (a loop over the sections, a dozen URL reversals and translations). What they show
changes only with the section tree, so they are kept like it (articles.fragments: fresh after every
write, never past the next scheduled publication of a section's first story), per interface language
and, for the navigation, per section and link the reader is at. Nothing of the reader's own is in them.
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from .. import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def section_nav(context):
    """The top sections, the one the page is in marked as current (as the page, when it is its page)."""
    request, section = context.get("request"), context.get("section")
    values = {"nav_sections": context.get("nav_sections"), "request": request, "section": section}

    def build():
        return render_to_string("includes/section_nav.html", values)

    if request is None:
        return build()
    ancestry = getattr(section, "ancestry", None)
    here = ancestry()[0] if callable(ancestry) else None
    at = (
        "/"
        if request.path == "/"
        else ("here" if here is not None and request.path == here.get_absolute_url() else "")
    )
    return fragments.cached(
        f"section-nav:{get_language()}:{here.pk if here else ''}:{at}", build, request, lifetime=tree_lifetime(request)
    )


@register.simple_tag(takes_context=True)
def footer_nav(context):
    """The footer's links: the paper's name, every section, the archive's ways in."""
    request = context.get("request")
    values = {"nav_sections": context.get("nav_sections"), "newsroom": settings.NEWSROOM}

    def build():
        return render_to_string("includes/footer_nav.html", values)

    if request is None:
        return build()
    # The archive link is to this year's archive.
    return fragments.cached(
        f"footer-nav:{get_language()}:{timezone.localdate().year}", build, request, lifetime=tree_lifetime(request)
    )


def tree_lifetime(request):
    """What the sections show changes when the section tree does: kept as long as the tree is."""
    return lambda html: fragments.tree_lifetime(fragments.section_tree(request))


@register.simple_tag(takes_context=True)
def kept(context, template_name):
    """A piece of chrome that every page shows alike, whoever reads it (a template of fixed links and
    labels, given the site's settings alone: the feeds in the head, the footer's pages), rendered once
    per site version and interface language rather than reversing its URLs on every page."""
    request = context.get("request")
    values = {"newsroom": settings.NEWSROOM}

    def build():
        return render_to_string(template_name, values)

    if request is None:
        return build()
    return fragments.cached(f"kept:{template_name}:{get_language()}", build, request, timed=False)
