"""Where the Alembic scripts are and which revision is head, for `portal migrate` and the readiness check."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

_CANDIDATES = (
    Path(__file__).resolve().parents[3] / "migrations",  # a source checkout (editable install)
    Path(__file__).resolve().parents[2] / "entrypoints" / "migrations",  # packaged into the wheel
)


def migrations_dir() -> Path:
    for candidate in _CANDIDATES:
        if (candidate / "env.py").exists():
            return candidate
    raise FileNotFoundError("Alembic migrations not found next to the code")


def alembic_config(dsn: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", dsn.replace("%", "%%"))
    return config


@cache
def head_revision() -> str | None:
    script = ScriptDirectory.from_config(alembic_config("postgresql+asyncpg://unused/unused"))
    return script.get_current_head()


def is_ours(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate compares only our tables: the job queue's schema belongs to procrastinate."""
    return not (name or "").startswith("procrastinate")
