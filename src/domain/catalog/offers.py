"""Who may be offered what: the catalog rules that depend on the customer (portal-domain §4.1)."""

from __future__ import annotations

ELIGIBLE = "Eligible"


def internet_plan_offered(
    plan_offering_type: str | None, eligibility_status: str, eligible_offering: str | None
) -> bool:
    """An Internet plan is offered only to an account found eligible for exactly that offering type."""
    if eligibility_status != ELIGIBLE or not eligible_offering or not plan_offering_type:
        return False
    return plan_offering_type.casefold() == eligible_offering.casefold()


def is_internet_service(product_name: str, group_name: str) -> bool:
    """ "Already has Internet": the WHMCS product group is "Internet", or (the original's rule) the name says so."""
    if group_name.strip().casefold() == "internet":
        return True
    name = product_name.casefold()
    return "internet" in name or "sonixnet" in name or ("ntt" in name and "fiber" in name)


def is_sim_service(product_name: str, group_name: str) -> bool:
    """A SIM subscription: the WHMCS product group is "SIM" (or the product is named as one)."""
    return group_name.strip().casefold() == "sim" or product_name.casefold().startswith("sim ")


def is_active(status: str) -> bool:
    return status.casefold() == "active"
