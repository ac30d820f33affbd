"""Every HTML page of every shape, the 500 page and the stylesheets pass the W3C Nu checker.

All documents go to the checker in one run of Java; a failure lists each page's errors.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from tests.page_shapes import all_shapes, client_for
from tests.quality_tools import require_vnu, vnu_errors

pytestmark = pytest.mark.django_db
STATIC = Path(settings.BASE_DIR) / "static"

# Errors in the markup of Django's own admin widgets and templates (not in anything of ours), by
# the words of the message. They are forgiven on admin pages only, so that an error our admin
# customizations bring (an inline style, an image without alt) is still caught there.
DJANGO_ADMIN_ERRORS = {
    # The autocomplete widget (select2) renders a required <select> with no option, or with only
    # the chosen one, or an empty placeholder option: the script fills it in.
    "must have a descendant “option” element": "admin autocomplete widget",
    "must have either an empty “value” attribute, or must have no text content": "admin autocomplete widget",
    "Element “option” without attribute “label” must not be empty": "admin autocomplete widget",
    # ReadOnlyPasswordHashWidget puts `disabled` on a <div>.
    "Attribute “disabled” not allowed on element “div”": "admin password hash widget",
    # The user password form wraps its help text's <ul> in a <p>.
    "No “p” element in scope but a “p” end tag seen": "admin password help text",
}


def html_pages(client, staff_client):
    """{shape name: HTML} for every shape whose answer is a page (not a redirect, text or JSON)."""
    pages = {}
    for shape in all_shapes():
        response = client_for(shape, client, staff_client).get(shape.make())
        if shape.unchecked_reason or "text/html" not in response.get("Content-Type", ""):
            continue
        if 300 <= response.status_code < 400 or not response.content.strip():
            continue
        pages[shape.name] = response.content.decode()
    return pages


def test_every_page_and_stylesheet_is_valid_html_and_css(client, staff_client):
    """Zero errors from the W3C checker on every page shape, the 500 page and static/**/*.css."""
    require_vnu()
    pages = html_pages(client, staff_client)
    pages["server error (500.html)"] = render_to_string("500.html")
    stylesheets = sorted(STATIC.rglob("*.css"))
    results = vnu_errors(pages, css=stylesheets)
    assert len(pages) > 40 and set(results) >= set(pages)
    admin = {shape.name for shape in all_shapes() if shape.name.startswith("admin:")}
    failures = {}
    for name, errors in results.items():
        if name in admin:
            errors = [e for e in errors if not any(known in e for known in DJANGO_ADMIN_ERRORS)]
        if errors:
            failures[name] = errors
    report = "\n".join(f"{name}:\n  " + "\n  ".join(errors) for name, errors in failures.items())
    assert not failures, f"W3C checker errors on {len(failures)} document(s):\n{report}"


def test_the_checker_reports_an_invalid_page_and_stylesheet(tmp_path):
    """The check can fail: a broken page and a broken stylesheet come back with their errors."""
    require_vnu()
    broken_css = tmp_path / "broken.css"
    broken_css.write_text("p { colr: red; }\n")
    results = vnu_errors(
        {
            "valid": '<!doctype html><html lang="en"><title>t</title><p>ok</p></html>',
            "invalid": '<!doctype html><html lang="en"><title>t</title><p><div>x</div></p><img src="a.png"></html>',
        },
        css=[broken_css],
    )
    assert results["valid"] == []
    assert any("“p” end tag" in error for error in results["invalid"])
    assert any("alt" in error for error in results["invalid"])
    assert any("colr" in error for error in results[str(broken_css)])
