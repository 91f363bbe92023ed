"""What the cart rules need to know about a SKU. The catalog's own entries have these facts, so a cart holds
them as they are instead of a copy."""

from __future__ import annotations

from typing import Protocol


class Offer(Protocol):
    """The catalog's facts about one SKU that decide whether it may be sold, and with what."""

    @property
    def sku(self) -> str: ...
    @property
    def orderable(self) -> bool: ...
    @property
    def category(self) -> str | None: ...
    @property
    def item_class(self) -> str | None: ...
    @property
    def internet_offering_type(self) -> str | None: ...
    @property
    def internet_plan_tier(self) -> str | None: ...
    @property
    def sim_plan_type(self) -> str | None: ...  # Voice / Data+SMS / Data
    @property
    def sim_family_discount(self) -> bool: ...
    @property
    def vpn_region(self) -> str | None: ...
    @property
    def eligibility_condition(self) -> str | None: ...  # e.g. "SIM_Plan_Type__c = Voice"
    @property
    def required_skus(self) -> tuple[str, ...]: ...
    @property
    def dependent_skus(self) -> tuple[str, ...]: ...
    @property
    def exclusive_skus(self) -> tuple[str, ...]: ...
    def product_field(self, name: str) -> str | None:
        """A text fact by the name conditions use for it (None: unknown, so a condition on it is never met)."""
        ...
