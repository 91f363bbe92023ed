"""Talk to the emulator in-process, the way Freebit is talked to: a form field `json` with an authKey."""

from __future__ import annotations

import json
from typing import Any

from litestar.testing import TestClient

from sandbox.freebit import seed


def call(client: TestClient[Any], path: str, body: dict[str, Any], *, auth: bool = True) -> dict[str, Any]:
    if auth:
        body = {"authKey": auth_key(client), **body}
    response = client.post(f"/emptool/api/{path}/", data={"json": json.dumps(body)})
    assert response.status_code == 200
    payload: dict[str, Any] = response.json()
    return payload


def auth_key(client: TestClient[Any]) -> str:
    answer = call(client, "authOem", {"oemId": seed.OEM_ID, "oemKey": seed.OEM_KEY}, auth=False)
    key: str = answer["authKey"]
    return key


def code(payload: dict[str, Any]) -> str:
    return f"{payload['resultCode']}-{payload['status']['statusCode']}"
