"""`POST /services/oauth2/token`: the JWT bearer and client-credentials grants of a connected app."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
from pathlib import Path
from typing import Any

import jwt
import msgspec
from cryptography import x509
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from litestar import Request, Response, post
from litestar.types import ControllerRouterHandler

from sandbox.faults import FaultKind, generic_response
from sandbox.salesforce.config import ORG_ID, EmulatorConfig
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.store import INTEGRATION_USER_ID

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


class OAuthError(Exception):
    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


@functools.cache
def _verification_key(path: str) -> Any:
    pem = Path(path).read_bytes()
    if b"CERTIFICATE" in pem:
        return x509.load_pem_x509_certificate(pem).public_key()
    return load_pem_public_key(pem)


def _check_assertion(state: SalesforceState, assertion: str) -> None:
    config: EmulatorConfig = state.config
    if not config.jwt_certificate_path:
        raise OAuthError("invalid_grant", "invalid assertion")
    try:
        claims = jwt.decode(
            assertion,
            _verification_key(config.jwt_certificate_path),
            algorithms=["RS256"],
            options={"verify_exp": False, "verify_aud": False, "require": ["iss", "sub", "aud", "exp"]},
        )
    except jwt.PyJWTError as exc:
        raise OAuthError("invalid_grant", "invalid assertion") from exc
    if claims["iss"] != config.consumer_key:
        raise OAuthError("invalid_client_id", "client identifier invalid")
    if claims["aud"] not in config.jwt_audiences:
        raise OAuthError("invalid_grant", "audience is invalid")
    if claims["sub"] != config.username:
        raise OAuthError("invalid_grant", "user hasn't approved this consumer")
    if float(claims["exp"]) <= state.clock.now().timestamp():
        raise OAuthError("invalid_grant", "expired authorization code")


def _check_client(state: SalesforceState, request: Request[Any, Any, Any], form: dict[str, str]) -> None:
    client_id, client_secret = form.get("client_id", ""), form.get("client_secret", "")
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic" and encoded:
        decoded = base64.b64decode(encoded.encode()).decode(errors="replace")
        client_id, _, client_secret = decoded.partition(":")
    if client_id != state.config.consumer_key:
        raise OAuthError("invalid_client_id", "client identifier invalid")
    if not hmac.compare_digest(client_secret, state.config.client_secret):
        raise OAuthError("invalid_client", "invalid client credentials")


def _reply(state: SalesforceState, request: Request[Any, Any, Any], *, signed: bool) -> dict[str, Any]:
    token, issued_at = state.tokens.issue()
    instance_url = state.config.instance_url or str(request.base_url).rstrip("/")
    body: dict[str, Any] = {
        "access_token": token,
        "scope": "api",
        "instance_url": instance_url,
        "id": f"{instance_url}/id/{ORG_ID}/{INTEGRATION_USER_ID}",
        "token_type": "Bearer",
    }
    if signed:
        issued_ms = str(int(issued_at.timestamp() * 1000))
        mac = hmac.new(state.config.client_secret.encode(), (body["id"] + issued_ms).encode(), hashlib.sha256)
        body.update(issued_at=issued_ms, signature=base64.b64encode(mac.digest()).decode())
    return body


def oauth_routes(state: SalesforceState) -> list[ControllerRouterHandler]:
    @post("/services/oauth2/token", status_code=200)
    async def token(request: Request[Any, Any, Any]) -> Response[bytes]:
        fault = state.faults.take("token")
        if fault is not None:
            if fault.kind is FaultKind.AUTH_FAILURE:
                return _error(OAuthError("invalid_grant", "authentication failure"))
            answered = await generic_response(fault)
            if answered is not None:
                return answered
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            grant = form.get("grant_type", "")
            if grant == JWT_BEARER:
                _check_assertion(state, form.get("assertion", ""))
                body = _reply(state, request, signed=False)
            elif grant == "client_credentials":
                _check_client(state, request, form)
                body = _reply(state, request, signed=True)
            else:
                raise OAuthError("unsupported_grant_type", "grant type not supported")
        except OAuthError as error:
            return _error(error)
        return Response(msgspec.json.encode(body), status_code=200, media_type="application/json;charset=UTF-8")

    return [token]


def _error(error: OAuthError) -> Response[bytes]:
    body = {"error": error.error, "error_description": error.description}
    return Response(msgspec.json.encode(body), status_code=400, media_type="application/json;charset=UTF-8")
