"""`portal openapi`: the API's OpenAPI document, as `/schema/openapi.json` serves it, without starting a server.

For generating clients (the frontend's openapi-typescript) and for linting the document in CI. It builds the app on
in-memory adapters, so it needs no database, cache or upstream.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from entrypoints.http.app import create_app
from entrypoints.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, help="write the document here (default: standard output)")


def document() -> dict[str, object]:
    app = create_app(Settings(adapters="memory", log_level="ERROR", log_format="json"))
    served: dict[str, object] = app.openapi_schema.to_schema()
    return served


def run(args: argparse.Namespace) -> int:
    text = json.dumps(document(), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text)
    return 0
