"""Emulator of Freebit's PA API (`/emptool/api/`): authOem, registrations, voice options, quota, traffic."""

from sandbox.freebit.app import create_app
from sandbox.freebit.config import FreebitEmulatorConfig
from sandbox.freebit.state import FreebitState

__all__ = ["FreebitEmulatorConfig", "FreebitState", "create_app"]
