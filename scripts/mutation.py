"""Mutation testing of the critical modules (tests/mutation/critical_modules.toml) with mutmut, and its report.

    scripts/mutation.py                      every critical module (`make mutation`)
    scripts/mutation.py --module MODULE      one module, by dotted name or path (`make mutation MODULE=...`;
                                             repeat --module for several)
    scripts/mutation.py --report-only        rebuild the report from the last run's results

Each run re-tests every mutant of the modules it covers (no results carried over from an older run) and merges
their counts into tests/mutation/report.json: per module, killed / survived / timed out / no tests, the survivors
accepted as equivalent (tests/mutation/equivalent_mutants.toml, each with its reason), the kill rate over the
rest, and the SHA-256 of the module's source — tests/unit/test_mutation_report.py fails when a module's source no
longer matches its report. mutmut's working copy lives in `mutants/` (ignored by git).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECLARED = ROOT / "tests/mutation/critical_modules.toml"
EQUIVALENTS = ROOT / "tests/mutation/equivalent_mutants.toml"
REPORT = ROOT / "tests/mutation/report.json"
MUTMUT = ROOT / ".venv/bin/mutmut"
TARGET = 0.90

# mutmut's exit codes per mutant (mutmut.stats.status_by_exit_code), folded into what the report counts.
STATUS = {1: "killed", 3: "killed", 37: "killed", 0: "survived", 33: "no_tests", 5: "no_tests", 34: "skipped"}
STATUS |= dict.fromkeys((36, 24, -24, 152, 255), "timeout")


def declared() -> list[dict[str, object]]:
    return list(tomllib.loads(DECLARED.read_text())["module"])


def dotted(path: str) -> str:
    return path.removeprefix("src/").removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def source_sha256(path: str) -> str:
    return hashlib.sha256((ROOT / path).read_bytes()).hexdigest()


def accepted_equivalents() -> dict[str, str]:
    if not EQUIVALENTS.exists():
        return {}
    return {entry["mutant"]: entry["why"] for entry in tomllib.loads(EQUIVALENTS.read_text()).get("equivalent", [])}


def check_mutmut_config(modules: list[dict[str, object]]) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    paths = [str(m["path"]) for m in modules]
    tests = sorted({str(t) for m in modules for t in m["tests"]})  # type: ignore[attr-defined]
    if config["only_mutate"] != paths or sorted(config["pytest_add_cli_args_test_selection"]) != tests:
        sys.exit("[tool.mutmut] in pyproject.toml differs from tests/mutation/critical_modules.toml: update it.")


def results_of(path: str) -> dict[str, int | None]:
    meta = ROOT / "mutants" / f"{path}.meta"
    if not meta.exists():
        return {}
    return dict(json.loads(meta.read_text())["exit_code_by_key"])


def module_report(module: dict[str, object], equivalents: dict[str, str], seconds: float | None) -> dict[str, object]:
    path = str(module["path"])
    exit_codes = results_of(path)
    statuses = {name: STATUS.get(code, "suspicious") if code is not None else "not_checked"
                for name, code in exit_codes.items()}  # fmt: skip
    counts = Counter(statuses.values())
    survivors = sorted(name for name, status in statuses.items() if status == "survived")
    accepted = [name for name in survivors if name in equivalents]
    unexplained = [name for name in survivors if name not in equivalents]
    judged = counts["killed"] + counts["timeout"] + len(unexplained) + counts["no_tests"]
    rate = (counts["killed"] + counts["timeout"]) / judged if judged else 1.0
    return {
        "module": dotted(path),
        "path": path,
        "source_sha256": source_sha256(path),
        "mutants": len(statuses),
        "killed": counts["killed"],
        "timeout": counts["timeout"],
        "survived": len(survivors),
        "no_tests": counts["no_tests"],
        "other": len(statuses) - counts["killed"] - counts["timeout"] - len(survivors) - counts["no_tests"],
        "accepted_equivalent": accepted,
        "unexplained_survivors": unexplained,
        "kill_rate": round(rate, 4),  # accepted survivors left out
        "kill_rate_raw": round((counts["killed"] + counts["timeout"]) / len(statuses), 4) if statuses else 1.0,
        "run_seconds_alone": None if seconds is None else round(seconds, 1),
    }


def write_report(modules: list[dict[str, object]], ran: set[str], seconds: float | None) -> dict[str, object]:
    equivalents = accepted_equivalents()
    old = json.loads(REPORT.read_text()) if REPORT.exists() else {"modules": []}
    previous = {entry["path"]: entry for entry in old["modules"]}
    entries = []
    for module in modules:
        path = str(module["path"])
        entry = previous.get(path)
        if path in ran or entry is None:
            alone = seconds if ran == {path} else (entry or {}).get("run_seconds_alone")
            fresh = module_report(module, equivalents, alone)
            if entry is not None and "before" in entry:
                fresh["before"] = entry["before"]  # the figures before the rule-stating tests, kept for the record
            entry = fresh
        entries.append(entry)
    last_full_run = old.get("last_full_run")
    if ran == {str(m["path"]) for m in modules} and seconds is not None:
        last_full_run = {"seconds": round(seconds), "mutants": sum(int(e["mutants"]) for e in entries)}
    killed = sum(int(e["killed"]) + int(e["timeout"]) for e in entries)
    judged = killed + sum(len(e["unexplained_survivors"]) + int(e["no_tests"]) for e in entries)
    report = {
        "tool": f"mutmut {mutmut_version()}",
        "command": "make mutation (one module: make mutation MODULE=<dotted name>)",
        "target_kill_rate": TARGET,
        "kill_rate_over_the_list": round(killed / judged, 4) if judged else 1.0,
        "last_full_run": last_full_run,
        "modules": entries,
    }
    if "before" in old:
        report["before"] = old["before"]  # the whole list before the rule-stating tests, kept for the record
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return report


def mutmut_version() -> str:
    from importlib.metadata import version  # noqa: PLC0415  (only the runner needs mutmut installed)

    return version("mutmut")


def print_report(report: dict[str, object]) -> None:
    columns = ("mutants", "killed", "timeout", "survived", "equiv", "no tests", "rate")
    print(f"{'module':56} " + " ".join(f"{c:>8}" for c in columns))
    for m in report["modules"]:  # type: ignore[attr-defined]
        counts = (m["mutants"], m["killed"], m["timeout"], m["survived"], len(m["accepted_equivalent"]), m["no_tests"])
        print(f"{m['module']:56} " + " ".join(f"{c:>8}" for c in counts) + f" {m['kill_rate']:>8.1%}")
        for name in m["unexplained_survivors"]:
            print(f"    survived: {name}   (.venv/bin/mutmut show '{name}')")
    print(f"kill rate over the list: {report['kill_rate_over_the_list']:.1%} (target {TARGET:.0%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", action="append", help="a critical module: dotted name or path (repeatable)")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--max-children", type=int, default=1, help="parallel mutants (default 1: a shared machine)")
    args = parser.parse_args()

    modules = declared()
    check_mutmut_config(modules)
    chosen = modules
    if args.module:
        chosen = [m for m in modules if {m["path"], dotted(str(m["path"]))} & set(args.module)]
        if len(chosen) != len(args.module):
            sys.exit(f"not all of {args.module} are critical modules; see {DECLARED.relative_to(ROOT)}")
    seconds = None
    if not args.report_only:
        if not MUTMUT.exists():
            sys.exit("mutmut is not installed: .venv/bin/pip install -e '.[mutation]'")
        started = time.monotonic()
        globs = [f"{dotted(str(m['path']))}.*" for m in chosen]
        command = [str(MUTMUT), "run", "--max-children", str(args.max_children), *globs]
        subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603  (our own venv's mutmut, our own module names)
        seconds = time.monotonic() - started
        print(f"mutation run: {seconds:.0f} s")
    ran = {str(m["path"]) for m in (modules if args.report_only else chosen)}
    report = write_report(modules, ran, seconds)
    print_report(report)


if __name__ == "__main__":
    main()
