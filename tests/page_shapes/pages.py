"""The pages editors write (about, standards, contact, privacy...), served at /<slug>/."""

import itertools

from pages.models import Page
from tests.page_shapes import admin_object, page

_numbers = itertools.count(1)


def _starter(slug):
    """A page the migrations put there; made here too in case an editor removed it."""
    found, _ = Page.objects.get_or_create(
        slug=slug, defaults={"title": slug.title(), "body": f"<p>The {slug} page.</p>"}
    )
    return found.get_absolute_url()


@admin_object(Page)
def _admin_page():
    return Page.objects.create(
        slug=f"policy-{next(_numbers)}",
        title="A policy",
        body="<h2>Rules</h2><p>Be <em>kind</em>.</p><ul><li>No abuse.</li></ul><p><a href='/about/'>About</a></p>",
    )


@page("page, about")
def about():
    return _starter("about")


@page("page, standards")
def standards():
    return _starter("standards")


@page("page, an editor's page with headings, lists and links")
def written():
    return _admin_page().get_absolute_url()


@page("page that does not exist", status=404)
def missing():
    return "/no-such-page/"


@page("page, contact")
def contact():
    return _starter("contact")


@page("page, terms")
def terms():
    return _starter("terms")


@page("page, privacy")
def privacy():
    return _starter("privacy")
