"""The billing roles over the WHMCS External API (`/includes/api.php`)."""

from __future__ import annotations

from adapters.whmcs.api import WhmcsApi
from adapters.whmcs.billing import WhmcsBilling
from adapters.whmcs.config import WhmcsConfig
from adapters.whmcs.transport import create_http_client

__all__ = ["WhmcsApi", "WhmcsBilling", "WhmcsConfig", "create_http_client"]
