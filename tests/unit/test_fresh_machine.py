"""On a machine without the services and tools the commands need, they install them (as root, with apt-get) or stop
at once with the exact command to run; the PHP lint never skips silently in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASICS = ("bash", "dirname", "id", "ls", "sort", "tail", "seq", "sleep", "cat")


def bare_path(tmp_path: Path) -> str:
    """A PATH with the shell's basics only: no php, no PostgreSQL, no Redis, no apt-get."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in BASICS:
        found = shutil.which(tool)
        assert found is not None, tool
        (tools / tool).symlink_to(found)
    return str(tools)


def run(script: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": bare_path(tmp_path), "HOME": os.environ.get("HOME", "/tmp"), **env}
    argv = ["bash", str(ROOT / "scripts" / script)]
    return subprocess.run(argv, env=environment, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("skip", ["", "1"])
def test_in_ci_a_missing_php_fails_the_lint_with_the_command_that_fixes_it(tmp_path: Path, skip: str) -> None:
    finished = run("php-lint.sh", tmp_path, CI="true", PORTAL_SKIP_PHP_LINT=skip)
    assert finished.returncode == 1
    assert "apt-get install -y php-cli" in finished.stderr


def test_a_developer_may_skip_the_php_lint_knowingly_and_is_told(tmp_path: Path) -> None:
    finished = run("php-lint.sh", tmp_path, PORTAL_SKIP_PHP_LINT="1")
    assert finished.returncode == 0
    assert finished.stdout.startswith("SKIPPED")


def test_missing_services_stop_the_commands_at_once_with_the_install_command(tmp_path: Path) -> None:
    finished = run("services.sh", tmp_path)
    assert finished.returncode == 1
    assert "apt-get install -y postgresql redis-server" in finished.stderr
