"""axe-core finds no accessibility violation on any page shape, at phone and desktop widths.

Every HTML page of tests/page_shapes/ is opened in real Chromium (staff pages and a reader's pages each in
their logged-in context), axe-core from node_modules is injected, and its violations are reported
page by page. At phone width no page of the public site may scroll sideways.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.page_shapes import all_shapes, reader
from tests.quality_tools import AXE_JS, require_axe

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

# Violations in the markup of Django's own admin templates and widgets (not in anything of ours), by
# axe rule, forgiven on admin pages only.
DJANGO_ADMIN_RULES = {
    "page-has-heading-one": "the admin login page has no <h1>",
    "aria-input-field-name": "the autocomplete widget (select2) gives its combobox no name",
    "empty-table-header": "tabular inlines have an empty header over the object's name",
    "label": "tabular inlines label their fields by the column header, not a <label>",
    "aria-prohibited-attr": "the filter_horizontal widget's help icons carry an aria-label",
}


def staff_cookie(site):
    user = get_user_model().objects.create_user("quality-desk", password="pw", is_staff=True, is_superuser=True)
    return session_cookie(site, user)


def session_cookie(site, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}


def axe_violations(page):
    """axe's violations on the page as short lines: rule, impact, and the first few elements."""
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        (v["id"], f"{v['id']} ({v['impact']}): {v['help']} at " + ", ".join(n["target"][0] for n in v["nodes"][:3]))
        for v in violations
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_accessibility_violations_on_any_page(browser, site, width):
    """Zero axe violations on every HTML page shape; no sideways scrolling of public pages on a phone."""
    require_axe()
    w, h = WIDTHS[width]
    # The site's CSP forbids inline scripts, which is how axe is injected: the test context lifts it.
    options = {"viewport": {"width": w, "height": h}, "bypass_csp": True}
    anonymous = browser.new_context(**options)
    staff = browser.new_context(**options)
    staff.add_cookies([staff_cookie(site)])
    logged_in = browser.new_context(**options)
    logged_in.add_cookies([session_cookie(site, reader())])
    failures, checked = {}, 0
    for shape in all_shapes():
        url = shape.make()
        if width == "phone" and url.startswith("/admin/"):
            continue  # editors work at a desk; the admin's own phone layout is Django's.
        if url.startswith(settings.MEDIA_URL):
            continue  # the live server sends /media/ files itself, past the app's checking view (test_url_shapes)
        context = staff if shape.staff else logged_in if shape.reader else anonymous
        # Asked first without rendering: redirects, text, JSON and empty answers are not pages to check.
        answer = context.request.get(site + url, max_redirects=0)
        assert answer.status == shape.status, f"{shape.name}: {url} gave {answer.status}"
        kind = answer.headers.get("content-type", "")
        if shape.unchecked_reason or "text/html" not in kind or answer.status in range(300, 400) or not answer.body():
            continue
        page = context.new_page()
        page.goto(site + url)
        checked += 1
        forgiven = DJANGO_ADMIN_RULES if url.startswith("/admin/") else {}
        problems = [line for rule, line in axe_violations(page) if rule not in forgiven]
        if width == "phone" and not url.startswith("/admin/"):
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"scrolls sideways by {overflow}px at {w}px")
        if problems:
            failures[shape.name] = problems
        page.close()
    anonymous.close()
    logged_in.close()
    staff.close()
    assert checked > (10 if width == "phone" else 40)
    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in failures.items())
    assert not failures, f"{len(failures)} page(s) at {width} width:\n{report}"


def test_axe_reports_a_violation(page, site):
    """The check can fail: a page with an unlabelled image and an unnamed button has violations."""
    require_axe()
    page.set_content('<!doctype html><html><body><img src="x.png"><button></button></body></html>')
    rules = {rule for rule, _ in axe_violations(page)}
    assert {"image-alt", "button-name", "html-has-lang"} <= rules


def test_pages_run_clean_under_the_content_security_policy(browser, site):
    """With the CSP enforced, no page logs an error (a blocked script or style, a script error) or
    fails to load one of its own resources (a stylesheet, script or image that is not there)."""
    anonymous = browser.new_context()
    staff = browser.new_context()
    staff.add_cookies([staff_cookie(site)])
    logged_in = browser.new_context()
    logged_in.add_cookies([session_cookie(site, reader())])
    failures, checked = {}, 0
    for shape in all_shapes():
        url = shape.make()
        context = staff if shape.staff else logged_in if shape.reader else anonymous
        answer = context.request.get(site + url, max_redirects=0)
        if "text/html" not in answer.headers.get("content-type", "") or answer.status in range(300, 400):
            continue
        if not answer.body():
            continue
        page = context.new_page()
        problems = []
        page.on("console", lambda m, p=problems: m.type == "error" and p.append(f"console: {m.text}"))
        page.on("pageerror", lambda e, p=problems: p.append(f"script error: {e}"))
        page.on(
            "response",
            lambda r, p=problems, main=site + url: (
                r.url != main and r.status >= 400 and p.append(f"{r.status} for {r.url}")
            ),
        )
        page.goto(site + url, wait_until="load")
        checked += 1
        # Chromium logs the page's own 404 as a console error; a missing resource is still caught
        # by its response above, with its address.
        own_status = f"status of {shape.status}"
        problems = [
            line
            for line in problems
            if not (shape.status >= 400 and line.startswith("console:") and own_status in line)
        ]
        if problems:
            failures[shape.name] = problems
        page.close()
    anonymous.close()
    logged_in.close()
    staff.close()
    assert checked > 40
    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in failures.items())
    assert not failures, f"{len(failures)} page(s) with errors:\n{report}"
