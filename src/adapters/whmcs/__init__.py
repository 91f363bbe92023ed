"""The billing system over the WHMCS External API (`/includes/api.php`)."""

from __future__ import annotations

from adapters.whmcs.billing_system import WhmcsBillingSystem
from adapters.whmcs.config import WhmcsConfig
from adapters.whmcs.transport import create_http_client

__all__ = ["WhmcsBillingSystem", "WhmcsConfig", "create_http_client"]
