"""The frontend (web/) shows the customer plain words for every problem code the API documents for the operations a
browser calls (all but the billing system's webhook and the operators' health routes). A code added to the API
without words in web/src/api/problem-words.ts fails here, and the frontend's build fails on it too (the words are a
TypeScript Record over the codes web/scripts/problem-codes.mjs reads from the same document)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.unit.http.openapi_walk import openapi_document, operations

WEB = Path(__file__).resolve().parents[3] / "web"
WORDS = WEB / "src" / "api" / "problem-words.ts"
NOT_THE_BROWSERS = {"webhooks", "health"}  # as in web/scripts/problem-codes.mjs
PROBLEM = re.compile(r"^Problem \(\d+\): (.*)$")


def browser_problem_codes() -> set[str]:
    codes: set[str] = set()
    for _, _, operation in operations(openapi_document()):
        if NOT_THE_BROWSERS & set(operation.get("tags", [])):
            continue
        for answer in operation.get("responses", {}).values():
            found = PROBLEM.match(answer.get("description", ""))
            if found:
                codes |= set(re.findall(r"[A-Z][A-Z0-9_]+", re.sub(r"\([^)]*\)", "", found.group(1))))
    return codes


def worded_codes() -> set[str]:
    return set(re.findall(r"^\s+([A-Z][A-Z0-9_]+):\s", WORDS.read_text(), re.MULTILINE))


def test_every_problem_code_a_browser_can_meet_has_plain_words_in_the_frontend() -> None:
    codes = browser_problem_codes()
    assert len(codes) > 40  # the parse found the documented codes
    assert sorted(codes - worded_codes()) == [], "add words for these codes to web/src/api/problem-words.ts"


def test_the_frontend_reads_the_codes_the_same_way() -> None:
    script = (WEB / "scripts" / "problem-codes.mjs").read_text()
    assert all(f'"{tag}"' in script for tag in NOT_THE_BROWSERS)
