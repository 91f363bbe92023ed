"""A wire-compatible emulator of the WHMCS External API (`/includes/api.php`) and the portal's hook module."""

from __future__ import annotations

from sandbox.whmcs.app import create_app
from sandbox.whmcs.config import WhmcsEmulatorConfig
from sandbox.whmcs.state import WhmcsState

__all__ = ["WhmcsEmulatorConfig", "WhmcsState", "create_app"]
