"""The README is the operator's manual: it must name every setting and every `portal` command."""

from __future__ import annotations

from pathlib import Path

import msgspec

from entrypoints.cli import COMMANDS
from entrypoints.settings import Settings
from entrypoints.settings_loader import env_name

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_every_setting_is_documented() -> None:
    missing = [env_name(f.name) for f in msgspec.structs.fields(Settings) if f"`{env_name(f.name)}`" not in README]
    assert missing == []


def test_the_two_commands_come_first() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[0:2] for line in first_block.strip().splitlines()] == [["make", "demo"], ["make", "test"]]


def test_every_command_is_mentioned() -> None:
    assert [name for name in COMMANDS if f"portal {name}" not in README and f"|{name}" not in README] == []
