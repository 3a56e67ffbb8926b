"""The command line documents itself: every command has help, an example that parses, and a line in the README."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from claims.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]


def test_the_commands_are_found():
    assert {"ingest", "remove", "list", "query", "export"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_every_parameter_too(name):
    command = GROUP.commands[name]  # type: ignore[attr-defined]
    assert command.help and command.help.strip(), f"`claims {name}` has no help text"
    undocumented = [param.name for param in command.params if not getattr(param, "help", None)]
    assert undocumented == [], f"`claims {name}`: parameters without help: {undocumented}"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_an_example_that_parses(name):
    command = GROUP.commands[name]  # type: ignore[attr-defined]
    examples = re.findall(rf"^\s*Example: (claims {name}\b.*)$", command.help or "", re.M)
    assert examples, f"`claims {name} --help` shows no example (a line 'Example: claims {name} ...')"
    for example in examples:
        args = shlex.split(example)[2:]
        command.make_context(name, args)  # raises for an unknown option, a bad choice, a missing argument


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name):
    assert re.search(rf"^claims {name}\b", README, re.M), f"README.md shows no `claims {name}` line"


def test_version_and_shell_completion():
    from typer.testing import CliRunner

    from claims.store.migrations import SCHEMA_VERSION
    from claims.version import extractor_version

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert re.fullmatch(rf"claims \S+ \(extractor {extractor_version()}, store schema {SCHEMA_VERSION}\)\n", result.output)
    options = {opt for param in GROUP.params for opt in param.opts}
    assert {"--version", "--install-completion", "--show-completion"} <= options
    script = Path(sys.executable).with_name("claims")  # the console script pip installed
    env = {**os.environ, "_CLAIMS_COMPLETE": "complete_bash", "COMP_WORDS": "claims list --ca", "COMP_CWORD": "2"}
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.split() == ["--category"], done.stderr
