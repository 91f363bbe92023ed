"""`/includes/api.php`: WHMCS's check order, fault injection, dispatch and response formats."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qsl

from litestar import Request, Response

from sandbox.faults import Fault, FaultKind, generic_response
from sandbox.whmcs.actions.registry import ACTIONS, INTERNAL_ONLY, STRUCTURED, normalise
from sandbox.whmcs.auth import RefusedError, check_credentials, check_ip
from sandbox.whmcs.config import WhmcsEmulatorConfig
from sandbox.whmcs.context import ActionContext, ActionError
from sandbox.whmcs.state import ApiCall, WhmcsState
from sandbox.whmcs.wire_input import RAW_KEYS, InvalidRequestInputError, Params
from sandbox.whmcs.wire_output import json_body, nvp_body, xml_body

_FORMATS = ("json", "xml", "nvp")


def _render(body: dict[str, Any], *, responsetype: str, action: str, status: int = 200) -> Response[bytes]:
    if responsetype == "json":
        return Response(json_body(body), status_code=status, media_type="application/json")
    if responsetype == "xml":
        return Response(xml_body(action, body), status_code=status, media_type="application/xml")
    return Response(nvp_body(body), status_code=status, media_type="text/plain")


async def _pairs(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    """Body and query merged: action params take the body first, control params the query first."""
    query = [(k, v) for k, values in request.query_params.dict().items() for v in values]
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        body = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    elif content_type.startswith("application/x-www-form-urlencoded"):
        body = parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    else:
        body = []  # a JSON body is ignored: PHP only reads form encodings
    control = {k for k, _ in query if k in RAW_KEYS}
    return [(k, v) for k, v in body if k not in control] + [
        (k, v) for k, v in query if k in control or k not in {bk for bk, _ in body}
    ]


def _negotiate(responsetype: str, action: str) -> tuple[str, Response[bytes] | None]:
    """Step 6: the response format (XML or NVP when none was asked for) or WHMCS's refusal."""
    if not responsetype:
        return ("xml" if action in STRUCTURED else "nvp"), None
    if responsetype not in _FORMATS:
        message = f'Unsupported API response type format "{responsetype}". Supported formats include: json, xml, nvp'
    elif responsetype == "nvp" and action in STRUCTURED:
        message = "This API action only supports the XML or JSON response type formats"
    else:
        return responsetype, None
    return "nvp", _render({"result": "error", "message": message}, responsetype="nvp", action=action)


class ApiEndpoint:
    def __init__(self, state: WhmcsState, config: WhmcsEmulatorConfig) -> None:
        self.state = state
        self.config = config

    async def handle(self, request: Request[Any, Any, Any]) -> Response[bytes]:
        ip = request.client.host if request.client else "127.0.0.1"
        # A call belongs to the log of the world it arrived in: one held by a fault past a reset stays out of
        # the new world's log (tests read exact logs right after a reset).
        log = self.state.api_log
        try:
            params = Params(await _pairs(request))
        except InvalidRequestInputError:
            return _render({"result": "error", "message": "Invalid request input."}, responsetype="json", action="")
        responsetype = params.get("responsetype").lower()
        action = normalise(params.get("action"))
        refused_format = "json" if responsetype == "json" else "nvp"  # auth errors: JSON only when asked

        fault = self.state.faults.take(action) if action else None
        canned = await self._act_out(fault, action, refused_format) if fault is not None else None
        if canned is not None:
            return self._log(log, action, ip, str(canned.status_code), canned)

        refusal = self._gate(params, action, ip)
        if refusal is not None:
            body = {"result": "error", "message": refusal.message}
            response = _render(body, responsetype=refused_format, action=action, status=refusal.status)
            return self._log(log, action, ip, str(refusal.status), response)
        responsetype, problem = _negotiate(responsetype, action)
        if problem is not None:
            return self._log(log, action, ip, "error", problem)

        system_url = self.config.system_url or str(request.base_url)
        context = ActionContext(
            state=self.state,
            config=self.config,
            params=params,
            system_url=system_url if system_url.endswith("/") else system_url + "/",
            ip=ip,
        )
        try:
            body = ACTIONS[action](context)
        except ActionError as error:
            body = {"result": "error", "message": error.message}
        if fault is not None and fault.kind is FaultKind.APPLY_THEN_TIMEOUT:
            # The change is made; the caller never hears about it.
            await asyncio.sleep((fault.delay_ms or 60_000) / 1000)
            return self._log(log, action, ip, "timeout", Response(b"", status_code=504, media_type="text/plain"))
        outcome = str(body.get("result") or body.get("status"))
        return self._log(log, action, ip, outcome, _render(body, responsetype=responsetype, action=action))

    @staticmethod
    async def _act_out(fault: Fault, action: str, responsetype: str) -> Response[bytes] | None:
        if fault.kind is FaultKind.AUTH_FAILURE:  # WHMCS's own body for a wrong secret (not counted to a ban)
            body = {"result": "error", "message": "Authentication Failed"}
            return _render(body, responsetype=responsetype, action=action, status=403)
        return await generic_response(fault)

    def _gate(self, params: Params, action: str, ip: str) -> RefusedError | None:
        """Check-order steps 1 to 5; the first failure wins."""
        try:
            check_ip(self.state, self.config, params, ip)
            if action in INTERNAL_ONLY:
                raise RefusedError(200, "API Command Restricted to Internal API")
            check_credentials(self.state, self.config, params, ip)
            if not action:
                raise RefusedError(400, "Empty action request")
            if self.config.allowed_actions is not None and action not in self.config.allowed_actions:
                raise RefusedError(403, f'Invalid Permissions: API action "{action}" is not allowed')
            if action not in ACTIONS:
                raise RefusedError(403, f'Invalid API Action: "{action}" is not a valid API action')
        except RefusedError as refusal:
            return refusal
        return None

    def _log(self, log: list[ApiCall], action: str, ip: str, result: str, response: Response[bytes]) -> Response[bytes]:
        log.append(ApiCall(at=self.state.local_now(), action=action, ip=ip, result=result))
        return response
