"""Each emulator describes its control API (`/_sandbox/...`) in an OpenAPI document of its own.

Served at `/_sandbox/openapi.json` (and `.yaml`); the emulated wire API itself stays out of it, since that is
documented by WHMCS, Salesforce and Freebit.
"""

from __future__ import annotations

from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import YamlRenderPlugin

CONTROL_PATH = "/_sandbox"


def control_openapi(title: str, description: str) -> OpenAPIConfig:
    return OpenAPIConfig(
        title=title,
        version="1.0.0",
        description=description,
        path=CONTROL_PATH,
        render_plugins=[YamlRenderPlugin()],
        use_handler_docstrings=True,
    )
