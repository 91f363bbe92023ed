"""The baseline: a bare Litestar handler returning the same bytes and headers as the public catalog.

Served by uvicorn with the same loop and HTTP parser as `portal serve` (`uvicorn --factory benchmarks.bare_app:app`);
the body comes from the file named by BENCH_BODY_FILE, the ETag from BENCH_ETAG.
"""

from __future__ import annotations

import os
from pathlib import Path

from litestar import Litestar, Response, get


def app() -> Litestar:
    body = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
    headers = {"Cache-Control": "public, max-age=300, s-maxage=300", "ETag": os.environ["BENCH_ETAG"]}

    @get("/api/public/services/internet", sync_to_thread=False)
    def internet() -> Response[bytes]:
        return Response(body, media_type="application/json", headers=headers)

    return Litestar(route_handlers=[internet], openapi_config=None, logging_config=None)
