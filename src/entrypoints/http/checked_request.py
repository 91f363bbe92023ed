"""The app's `Request`: JSON bodies are shape-checked (depth, number of values) before decoding and text-checked
after (`input_rules`).

Every JSON body of every route is decoded here (Litestar's `data` parameter calls `Request.json()`), so one class
covers the routes that exist and the ones added later.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from entrypoints.http.input_rules import JsonTooDeepError, check_json_shape, check_json_text, check_parameters


class CheckedRequest(Request[Any, Any, Any]):
    async def json(self) -> Any:
        body = await self.body()
        check_json_shape(body)
        try:
            value = await super().json()
        except RecursionError:  # belt and braces: the depth check above should make this unreachable
            raise JsonTooDeepError(fields={"body": "nests too deeply"}) from None
        check_json_text(value)
        return value


async def refuse_control_characters_in_parameters(request: Request[Any, Any, Any]) -> None:
    """`before_request` hook of the app: path and query parameters, checked before the handler's arguments."""
    check_parameters(request.path_params)
    check_parameters({name: request.query_params.getall(name) for name in request.query_params})
