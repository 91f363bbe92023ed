"""The README is the operator's manual: it must name every setting and every `portal` command."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec

from entrypoints.cli import COMMANDS
from entrypoints.secret import Secret
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


def _shown(default: object) -> str:
    """A default as the README's settings table writes it."""
    value = default.reveal() if isinstance(default, Secret) else default
    if value in ("", []):
        return "empty"
    return f"`{','.join(value) if isinstance(value, list) else value}`"


def test_every_documented_default_is_the_settings_default() -> None:
    """The README's default column is a copy of `Settings`; a changed default must change it too."""
    row = re.compile(r"^\| `(PORTAL_\w+)`(?: \(secret\))? \| ([^|]+?) \|", re.MULTILINE)
    rows = dict(row.findall(README))
    wrong = {}
    for field in msgspec.structs.fields(Settings):
        default = field.default_factory() if field.default is msgspec.NODEFAULT else field.default
        shown, secret = rows[env_name(field.name)], isinstance(default, Secret)
        if shown != _shown(default) and not (secret and shown == "(sandbox value)"):
            wrong[env_name(field.name)] = (shown, _shown(default))
    assert wrong == {}


MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"


def test_the_migrations_listed_are_the_migrations_there_are() -> None:
    """The architecture block names every Alembic revision (and none that does not exist)."""
    block = README.split("migrations/        ", 1)[1].split("\ntests/", 1)[0]
    listed = set(re.findall(r"\b(\d{4})\b", block))
    present = {path.name[:4] for path in MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.py")}
    assert listed == present
