"""Changes a customer makes to a line in service (Freebit PA05-06 voice options, PA05-38 network type).

Both are asynchronous: returning means Freebit accepted the change, and the line shows it as pending until it is
done (a network-type change locks the line for about 30 minutes). Errors as `SimProvisioner`'s, plus
`SimLineBusyError` when another change is running on the line. A lost answer is reconciled from the account before
anything is sent again, so a change is never applied twice.
"""

from __future__ import annotations

from typing import Protocol

from application.ports.sim_models import AcceptedOperation, ContractLine, VoiceOptionChange


class SimLineChanges(Protocol):
    async def change_voice_options(self, msisdn: str, change: VoiceOptionChange) -> AcceptedOperation:
        """Switch voice options on or off (PA05-06); options left as None stay as they are."""
        ...

    async def change_network_type(self, msisdn: str, network: ContractLine) -> AcceptedOperation:
        """Switch the line between 4G and 5G (PA05-38); the line is locked while Freebit does it."""
        ...

    async def reissue_esim(self, msisdn: str, eid: str) -> AcceptedOperation:
        """Issue the line's eSIM profile to another device (PA05-41 addKind R); the old profile keeps working until
        the new one is active."""
        ...
