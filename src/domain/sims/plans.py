"""What a SIM plan allows, from what the systems of record say about it."""

from __future__ import annotations

VOICE_SIM_KIND = "voice"  # Freebit simKind E0, as `SimKind.VOICE` spells it


def voice_capable(product_name: str, sim_kind: str | None) -> bool:
    """Voice plans are billed as "SIM <size> Voice"; data-only and data+SMS plans have no voice line to configure.

    Freebit reports the SIM kind for eSIMs only; when it does, it decides (a voice plan on a data profile cannot
    take voice options).
    """
    if sim_kind is not None:
        return sim_kind == VOICE_SIM_KIND
    return "voice" in product_name.lower().split()


# Which Freebit plans may run on 5G. Freebit's public material names the PA05-38 switch but not which plans allow
# it; the demo world's operator offers 5G from the 10 GB plans up (an assumption to confirm with the MVNO contract).
FIVE_G_PLANS = frozenset({"PNEW_10G", "PNEW_20G", "PNEW_50G"})


def network_types(plan_code: str) -> tuple[str, ...]:
    return ("4G", "5G") if plan_code in FIVE_G_PLANS else ("4G",)
