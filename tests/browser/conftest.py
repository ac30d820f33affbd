"""Browser tests drive the real Chromium from Debian (no browser download: see TOOLBOX.md).

Where Chromium is not installed they are skipped with the reason, unless NEWSROOM_REQUIRE_BROWSER=1
(CI sets it), in which case its absence is an error rather than a silent skip.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HAVE_CHROMIUM = bool(shutil.which(CHROMIUM))

# pytest-django's live_server runs Django in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if HAVE_CHROMIUM:
        return
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"Chromium is required (NEWSROOM_REQUIRE_BROWSER=1) but {CHROMIUM} is missing.")
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


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
