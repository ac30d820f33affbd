"""Every shape of page the site serves, in one registry that the page-walking tests share.

A shape is a name, a function that makes the data its page needs and returns the page's URL, the
status a visitor gets, and who asks (an anonymous reader, a logged-in editor with `staff=True`, or
a logged-in reader with `reader=True`: the one `reader()` returns, so a maker can give it comments).
tests/test_url_shapes.py loads every shape and checks its status; tests/test_html_validity.py (the
W3C checker) and tests/browser/test_page_quality.py (axe in Chromium) check every HTML page among
them; and a test fails when a named URL pattern of the project has no shape, so a page added later
cannot escape the checks.

To add pages, put a module in this package (one per feature: tests/page_shapes/search.py, ...). It is
found by itself:

    from tests.factories import ArticleFactory
    from tests.page_shapes import page

    @page("search results")
    def search_results():
        ArticleFactory(headline="Alibaba listing")
        return "/search/?q=alibaba"

A maker must be able to run next to every other one in the same database (the quality checks load
all pages at once): let the factories' sequences choose unique names and emails. A model registered
in the admin needs one object for its change, history and delete pages: give it a maker with
`@admin_object(Model)` (see tests/page_shapes/admin.py).
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    name: str
    make: Callable[[], str]
    status: int = 200
    staff: bool = False
    reader: bool = False
    # Pages a person reads (HTML, not a redirect) are checked by vnu and axe unless this says why not.
    unchecked_reason: str = ""

    def __str__(self):
        return self.name


_SHAPES: dict[str, Shape] = {}
ADMIN_OBJECTS: dict[type, Callable[[], object]] = {}


def page(name, *, status=200, staff=False, reader=False, unchecked_reason=""):
    """Register the decorated function (no arguments, returns a URL) as the page shape `name`."""

    def register(make):
        add(Shape(name, make, status, staff, reader, unchecked_reason))
        return make

    return register


def add(shape):
    if shape.name in _SHAPES:
        raise ValueError(f"Two page shapes are named {shape.name!r}; give each its own name.")
    _SHAPES[shape.name] = shape


def admin_object(model):
    """Register the decorated function as the maker of one `model` object for its admin pages."""

    def register(make):
        ADMIN_OBJECTS[model] = make
        return make

    return register


READER_EMAIL = "quality.reader@example.com"


def reader():
    """The logged-in reader of `reader=True` shapes: one account with a display name, made once."""
    from django.contrib.auth import get_user_model

    from accounts.models import Profile

    user, made = get_user_model().objects.get_or_create(username="quality-reader", defaults={"email": READER_EMAIL})
    if made:
        user.set_password("pw")
        user.save()
        Profile.objects.create(user=user, display_name="Quality Reader")
    return user


def client_for(shape, client, staff_client):
    """The Django test client that asks for `shape`: anonymous, the editor's, or the reader's."""
    if shape.staff:
        return staff_client
    if shape.reader:
        from django.test import Client

        logged_in = Client()
        logged_in.force_login(reader())
        return logged_in
    return client


_loaded = False


def all_shapes():
    """Every registered shape, after importing every module of this package (admin shapes last)."""
    global _loaded
    if not _loaded:
        for module in pkgutil.iter_modules(__path__):
            if module.name != "admin":
                importlib.import_module(f"{__name__}.{module.name}")
        from . import admin

        admin.register_admin_shapes()
        _loaded = True
    return list(_SHAPES.values())
