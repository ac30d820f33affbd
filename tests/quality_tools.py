"""The page checkers from npm (package.json): the W3C Nu HTML checker (run with Java) and axe-core.

Where one is missing the tests that need it are skipped with the reason, unless
NEWSROOM_REQUIRE_BROWSER=1 (CI sets it), where a missing checker fails the run instead.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"


def require(condition, reason):
    """Skip (or, where NEWSROOM_REQUIRE_BROWSER=1, fail) unless `condition` holds."""
    if condition:
        return
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (required: NEWSROOM_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def require_vnu():
    require(shutil.which("java"), "Java is not installed (apt-get install default-jre-headless)")
    require(VNU_JAR.exists(), f"{VNU_JAR} is missing: run `npm ci`")


def require_axe():
    require(AXE_JS.exists(), f"{AXE_JS} is missing: run `npm ci`")


def vnu_errors(documents, css=()):
    """The checker's errors for each document and stylesheet, in one run of Java (its start is slow).

    `documents` maps a name to HTML text; `css` lists stylesheet paths. Returns {name: [message]}
    with an entry for every document and stylesheet, empty where it is valid.
    """
    with tempfile.TemporaryDirectory(prefix="newsroom-vnu-") as folder:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            target = Path(folder) / f"{number:04d}.html"
            target.write_text(html, encoding="utf-8")
            names[target] = name
        names.update({Path(path).resolve(): str(path) for path in css})
        command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--also-check-css", "--format", "json"]
        command += ["--exit-zero-always", *map(str, names)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    try:
        report = json.loads(done.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"The HTML checker did not answer in JSON: {done.stdout}{done.stderr}"[:2000])
    results = {name: [] for name in names.values()}
    for message in report["messages"]:
        url = message.get("url", "")
        name = names.get(Path(url.removeprefix("file:")), url) if url.startswith("file:") else url
        where = f"line {message['lastLine']}: " if "lastLine" in message else ""
        extract = " ".join(message.get("extract", "").split())
        results.setdefault(name, []).append(f"{message['type']}: {where}{message['message']} [{extract}]")
    return results
