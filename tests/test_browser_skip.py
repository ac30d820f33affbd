"""Without Chromium the browser tests are skipped loudly, and under CI the run fails."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TESTS = "tests/browser"


def run_browser_tests(**env):
    environ = {key: value for key, value in os.environ.items() if key not in {"CI", "NEWSROOM_REQUIRE_BROWSER"}}
    environ.update(CHROMIUM=str(ROOT / "no-such-chromium"), **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", BROWSER_TESTS, "-q"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_chromium_skips_every_browser_test_with_a_banner():
    """The run passes, and its summary names how many browser tests did not run and how to get Chromium."""
    result = run_browser_tests()
    assert result.returncode == 0, result.stdout + result.stderr
    skipped = int(re.search(r"(\d+) skipped", result.stdout).group(1))
    assert skipped > 0
    assert f"BROWSER TESTS SKIPPED: {skipped} tests need Chromium (apt-get install chromium)" in result.stdout


def test_missing_chromium_fails_the_run_under_ci():
    """CI=true turns the missing browser into an error, not a skip."""
    result = run_browser_tests(CI="true")
    assert result.returncode != 0
    assert "Chromium is required" in result.stdout + result.stderr
    assert "BROWSER TESTS SKIPPED" not in result.stdout


def test_missing_chromium_fails_the_run_when_the_browser_is_required():
    """NEWSROOM_REQUIRE_BROWSER=1 (what .ci/run sets) does the same outside CI."""
    result = run_browser_tests(NEWSROOM_REQUIRE_BROWSER="1")
    assert result.returncode != 0
    assert "Chromium is required" in result.stdout + result.stderr
