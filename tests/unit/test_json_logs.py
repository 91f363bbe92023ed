"""JSON log lines are for machines: no terminal colour codes inside them, whatever a library or an input adds."""

from __future__ import annotations

import json
import logging

import pytest
import structlog

from entrypoints.logging import configure_logging


def test_json_lines_carry_no_ansi_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "json")
    try:
        # uvicorn adds a coloured copy of its start-up messages; a path may carry an escape a client sent.
        logging.getLogger("tests.uvicorn_like").info(
            "Uvicorn running on %s", "http://x", extra={"color_message": "Uvicorn running on \x1b[1m%s\x1b[0m"}
        )
        structlog.get_logger("portal.access").info("request", path="/api/\x1b[31mred")
        lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.strip()]
    finally:
        configure_logging("WARNING", "json")
    assert len(lines) == 2
    assert all("\x1b" not in json.dumps(line, ensure_ascii=False) for line in lines)
    assert lines[0]["event"] == "Uvicorn running on http://x"
    assert lines[1]["path"] == "/api/red"
