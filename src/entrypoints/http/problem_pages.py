"""`GET /api/problems/<code>`: what each problem `type` URI resolves to — a human description of the code.

Plain HTML, public and long-cached (the descriptions change only with a release). Outside the OpenAPI document:
these pages document the API's answers; they are not operations of it.
"""

from __future__ import annotations

from html import escape

from litestar import Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from entrypoints.http.problem_types import BY_SLUG, PROBLEM_TYPES, type_uri

HTML = "text/html; charset=utf-8"
CACHE = {"Cache-Control": "public, max-age=86400"}
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main>{body}</main></body></html>
"""


def _page(title: str, body: str) -> Response[str]:
    return Response(_PAGE.format(title=escape(title), body=body), media_type=HTML, headers=CACHE)


@get("/problems", include_in_schema=False)
async def problem_index() -> Response[str]:
    items = "".join(
        f'<li><a href="{type_uri(code)}"><code>{escape(code)}</code></a>: {escape(row.title)}</li>'
        for code, row in sorted(PROBLEM_TYPES.items())
    )
    intro = (
        "<p>Every error of the customer portal API is an <code>application/problem+json</code> document "
        "(RFC 9457) with a stable <code>code</code>; its <code>type</code> links here.</p>"
    )
    return _page("Problem types", f"<h1>Problem types</h1>{intro}<ul>{items}</ul>")


@get("/problems/{slug:str}", include_in_schema=False)
async def problem_page(slug: FromPath[str]) -> Response[str]:
    found = BY_SLUG.get(slug)
    if found is None:
        raise NotFoundException("No such problem type.")
    code, row = found
    body = (
        f"<h1>{escape(row.title)}</h1><p>Code: <code>{escape(code)}</code></p><p>{escape(row.description)}</p>"
        '<p><a href="/api/problems">All problem types</a></p>'
    )
    return _page(row.title, body)
