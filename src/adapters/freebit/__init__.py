"""Freebit PA API adapter: `FreebitSimProvisioner` behind the `SimProvisioner` port."""

from adapters.freebit.config import FreebitConfig
from adapters.freebit.http_client import build_freebit_http_client
from adapters.freebit.provisioner import FreebitSimProvisioner

__all__ = ["FreebitConfig", "FreebitSimProvisioner", "build_freebit_http_client"]
