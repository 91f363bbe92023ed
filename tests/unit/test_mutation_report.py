"""The mutation-testing report stays true to the code: `make mutation` must be re-run when a critical module
changes, and its configuration is the declared list of critical modules and the tests that guard them.

Mutation runs take minutes, so CI does not run them; instead this test fails when a critical module's source no
longer matches the SHA-256 recorded for it in the report (content, not mtime: a clone resets mtimes). Refresh
with `make mutation MODULE=<module>` and commit tests/mutation/report.json.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DECLARED = tomllib.loads((ROOT / "tests/mutation/critical_modules.toml").read_text())["module"]
REPORT = json.loads((ROOT / "tests/mutation/report.json").read_text())
EQUIVALENTS = tomllib.loads((ROOT / "tests/mutation/equivalent_mutants.toml").read_text()).get("equivalent", [])
REPORTED = {entry["path"]: entry for entry in REPORT["modules"]}
PATHS = [module["path"] for module in DECLARED]


def test_mutmut_mutates_exactly_the_declared_modules_with_their_guarding_tests() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    assert config["only_mutate"] == PATHS
    assert sorted(config["pytest_add_cli_args_test_selection"]) == sorted({t for m in DECLARED for t in m["tests"]})


@pytest.mark.parametrize("module", DECLARED, ids=PATHS)
def test_each_critical_module_states_what_it_guards_and_its_tests_exist(module: dict[str, object]) -> None:
    assert (ROOT / str(module["path"])).is_file()
    assert str(module["guards"]).strip()
    tests = module["tests"]
    assert isinstance(tests, list)
    assert tests
    assert all((ROOT / t).is_file() for t in tests)


@pytest.mark.parametrize("path", PATHS)
def test_the_report_is_current_for_each_critical_module(path: str) -> None:
    """A critical module changed since its mutation report: run `make mutation MODULE=<it>` and commit the report."""
    assert path in REPORTED, f"{path} has no mutation report: run `make mutation MODULE={path}`"
    recorded = REPORTED[path]["source_sha256"]
    current = hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
    assert current == recorded, f"{path} changed since its mutation report: run `make mutation MODULE={path}`"


def test_every_accepted_survivor_is_justified_and_still_a_survivor() -> None:
    accepted = {name for entry in REPORT["modules"] for name in entry["accepted_equivalent"]}
    for entry in EQUIVALENTS:
        assert entry["kind"] in ("equivalent", "wording"), entry["mutant"]
        assert len(str(entry["why"]).strip()) >= 20, entry["mutant"]
        assert entry["mutant"] in accepted, f"{entry['mutant']} no longer survives (or no longer exists): drop it"


def test_the_kill_rate_over_the_critical_modules_meets_the_target() -> None:
    assert REPORT["kill_rate_over_the_list"] >= REPORT["target_kill_rate"] >= 0.9
    assert all(entry["kill_rate"] >= 0.9 for entry in REPORT["modules"]), [
        (e["module"], e["kill_rate"]) for e in REPORT["modules"] if e["kill_rate"] < 0.9
    ]
