"""The lock pins everything requirements.txt asks for, at the same versions, so an audit of the lock covers it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;#]+)")


def pins(name):
    found = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def test_every_requirement_is_in_the_lock_at_its_pinned_version():
    wanted, locked = pins("requirements.txt"), pins("requirements.lock")
    assert wanted, "requirements.txt pins nothing?"
    assert {name: version for name, version in wanted.items() if locked.get(name) != version} == {}


def test_the_lock_pins_only_exact_versions():
    lines = [line for line in (ROOT / "requirements.lock").read_text().splitlines() if line and line[0] != "#"]
    assert lines and all(PIN.match(line) for line in lines)
