"""Browser tests drive the real Chromium from Debian (Playwright downloads no browser of its own).

Where Chromium is not installed they are skipped, and the run ends with a banner that says so:
a green run that tested no page in a browser must not pass for a full one. Under CI (CI=true, or
NEWSROOM_REQUIRE_BROWSER=1 as `.ci/run` sets) its absence fails the run instead.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HAVE_CHROMIUM = bool(shutil.which(CHROMIUM))
SKIPPED = pytest.StashKey[int]()

# pytest-django's live_server runs Django in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _browser_required():
    return os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1" or os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    if HAVE_CHROMIUM:
        return
    browser_items = [item for item in items if "tests/browser/" in str(item.path)]
    if browser_items and _browser_required():
        raise pytest.UsageError(
            f"Chromium is required (CI=true or NEWSROOM_REQUIRE_BROWSER=1) but {CHROMIUM} is missing: "
            "apt-get install chromium, or set CHROMIUM to its path."
        )
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM}: apt-get install chromium")
    for item in browser_items:
        item.add_marker(skip)
    config.stash[SKIPPED] = len(browser_items)


def pytest_terminal_summary(terminalreporter, config):
    skipped = config.stash.get(SKIPPED, 0)
    if skipped:
        banner = f"BROWSER TESTS SKIPPED: {skipped} tests need Chromium (apt-get install chromium)"
        terminalreporter.write_sep("!", banner, red=True, bold=True)
        terminalreporter.write_line(f"No page was tested in a browser: {CHROMIUM} is missing (or set CHROMIUM).")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture
def site(live_server, transactional_db):
    """The live site's base URL (a real server in a thread, on a transactional database)."""
    return live_server.url
