"""Structured logs for every process: JSON lines when not on a terminal, readable console output when on one.

The request id (and anything else bound with `structlog.contextvars`) rides on every line, including lines from
libraries that log through the standard `logging` module.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any, Literal

import structlog

_SHARED: list[structlog.types.Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.processors.StackInfoRenderer(),
]
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _plain_text(_: object, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """JSON lines carry no terminal colour codes: uvicorn adds a coloured copy of its messages (`color_message`), and
    any text may hold escapes that a log viewer would interpret."""
    event.pop("color_message", None)
    for key, value in event.items():
        if isinstance(value, str) and "\x1b" in value:
            event[key] = _ANSI.sub("", value)
    return event


# Lines from the standard library's logging (application layer, libraries) keep their `extra={...}` fields.
_FOREIGN: list[structlog.types.Processor] = [*_SHARED, structlog.stdlib.ExtraAdder()]


def configure_logging(level: str = "INFO", fmt: Literal["auto", "json", "console"] = "auto") -> None:
    as_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if as_json else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[*_SHARED, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_FOREIGN,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info if as_json else structlog.processors.ExceptionRenderer(),
            *([_plain_text] if as_json else []),
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # uvicorn's access log duplicates what our request logging says, without the request id.
    logging.getLogger("uvicorn.access").disabled = True
    for noisy in ("httpx", "httpcore", "aiocometd_ng", "aiosfstream_ng", "stamina", "procrastinate"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
