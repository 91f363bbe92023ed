"""Refusals of the SIM operations, each with a stable code."""

from __future__ import annotations

from application.errors import ConflictError, InvalidInputError


class SimNotInServiceError(ConflictError):
    code = "SIM_NOT_IN_SERVICE"
    default_message = "This SIM is not in service (not activated yet, or cancelled)."


class SimLineBusyError(ConflictError):
    """Freebit locks a line while an asynchronous change runs on it (a 4G/5G switch for ~30 minutes): any other
    change meanwhile is refused, never half-applied. Try again once the running change has finished."""

    code = "SIM_CHANGE_IN_PROGRESS"
    default_message = "A change is already running on this SIM; try again once it has finished."


class VoiceOptionsNotAvailableError(InvalidInputError):
    code = "VOICE_OPTIONS_NOT_AVAILABLE"
    default_message = "This SIM's plan has no voice line: voicemail, call waiting and roaming do not apply."


class NetworkTypeNotAvailableError(InvalidInputError):
    code = "NETWORK_TYPE_NOT_AVAILABLE"
    default_message = "This SIM's plan does not offer that network type."


class NothingToChangeError(InvalidInputError):
    code = "NOTHING_TO_CHANGE"
    default_message = "Name at least one option to switch."


class EsimRequiredError(InvalidInputError):
    code = "ESIM_REQUIRED"
    default_message = (
        "Only an eSIM profile is reissued to a new device; a physical SIM card is replaced with a new card."
    )
