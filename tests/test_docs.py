"""Docs that cannot drift: generated references match the code; the README's quickstart matches CI."""

from __future__ import annotations

import re

from biseo.interfaces.cli.reference import cli_reference, security_reference, settings_reference
from tests.conftest import REPO


def test_cli_reference_is_current():
    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8") == cli_reference(), (
        "run: python -m biseo.interfaces.cli.reference"
    )


def test_security_reference_is_current():
    assert (REPO / "docs" / "security.md").read_text(encoding="utf-8") == security_reference(), (
        "run: python -m biseo.interfaces.cli.reference"
    )


def test_settings_reference_is_current():
    assert (REPO / "docs" / "settings.md").read_text(encoding="utf-8") == settings_reference()


def _quickstart_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:bash|sh)\n(.*?)```", section, re.DOTALL)
    return [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_quickstart_has_exactly_two_commands_and_ci_runs_the_test_one():
    commands = _quickstart_commands()
    assert len(commands) == 2, commands
    ci = [
        line.strip()
        for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith("set ")
    ]
    assert ci == [f"exec {commands[1]}"] or ci == [commands[1]], ci


def test_every_adr_has_context_decision_consequences():
    adrs = sorted((REPO / "docs" / "adr").glob("[0-9][0-9][0-9][0-9]-*.md"))
    assert adrs
    for adr in adrs:
        text = adr.read_text(encoding="utf-8")
        for heading in ("## Context", "## Decision", "## Consequences"):
            assert heading in text, f"{adr.name} lacks {heading}"
