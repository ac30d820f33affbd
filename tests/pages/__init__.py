"""Every shape of page the site serves, in one registry that the page-walking tests share.

A shape is a name, a function that makes the data its page needs and returns the page's URL, the
status a visitor gets, and who asks (an anonymous reader, or a logged-in editor with `staff=True`).
tests/test_url_shapes.py loads every shape and checks its status; tests/test_html_validity.py (the
W3C checker) and tests/browser/test_page_quality.py (axe in Chromium) check every HTML page among
them; and a test fails when a named URL pattern of the project has no shape, so a page added later
cannot escape the checks.

To add pages, put a module in this package (one per feature: tests/pages/search.py, ...). It is
found by itself:

    from tests.factories import ArticleFactory
    from tests.pages import page

    @page("search results")
    def search_results():
        ArticleFactory(headline="Alibaba listing")
        return "/search/?q=alibaba"

A maker must be able to run next to every other one in the same database (the quality checks load
all pages at once): let the factories' sequences choose unique names and emails. A model registered
in the admin needs one object for its change, history and delete pages: give it a maker with
`@admin_object(Model)` (see tests/pages/admin.py).
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
    # Pages a person reads (HTML, not a redirect) are checked by vnu and axe unless this says why not.
    unchecked_reason: str = ""

    def __str__(self):
        return self.name


_SHAPES: dict[str, Shape] = {}
ADMIN_OBJECTS: dict[type, Callable[[], object]] = {}


def page(name, *, status=200, staff=False, unchecked_reason=""):
    """Register the decorated function (no arguments, returns a URL) as the page shape `name`."""

    def register(make):
        add(Shape(name, make, status, staff, unchecked_reason))
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
