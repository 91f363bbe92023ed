"""Property tests of the cart rules over the demo catalog: whatever a client sends, a cart that passes holds
exactly one plan of its kind, its activation fee exactly once, every add-on's dependencies and no exclusions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from adapters.salesforce.catalog import to_entry
from application.ports.catalog_source import CatalogEntry
from domain.orders.cart import ACTIVATION, INSTALLATION, SERVICE, WEEKEND_SUFFIX, CartLine, OrderKind, check_cart
from domain.orders.errors import AddOnNotAllowedError, CheckoutRuleError, SkuNotOrderableError
from sandbox.salesforce.seed_catalog import CATALOG, HIDDEN_SKUS, SeedProduct


def _entry(product: SeedProduct) -> CatalogEntry:
    """The seed product as the portal reads it from Salesforce."""
    record = {
        "Id": f"entry-{product.sku}", "Product2Id": f"product-{product.sku}", "Pricebook2Id": "portal",
        "UnitPrice": float(product.price), "IsActive": product.entry_active, "Product2": product.product2_body(),
    }  # fmt: skip
    return to_entry(record)


def _sale(sku: str, item_class: str, **facts: object) -> CatalogEntry:
    product = SeedProduct(sku, sku, "SIM", item_class, "Monthly", Decimal(100), None, fields=facts)
    return _entry(product)


OFFERS = [_entry(p) for p in CATALOG]
quantities = st.sampled_from([1, 1, 1, 1, 1, 1, 0, 2, -1, 12])


@st.composite
def carts(draw: st.DrawFn) -> tuple[OrderKind, list[tuple[CatalogEntry, int]]]:
    """Mostly near-valid carts (a plan and its kind's extras), so passing carts are common, with noise."""
    kind = draw(st.sampled_from(list(OrderKind)))
    own = [o for o in OFFERS if o.category == kind.value]
    of_class = {c: [o for o in own if o.item_class == c] for c in (SERVICE, INSTALLATION, ACTIVATION, "Add-on")}
    chosen = [draw(st.sampled_from(of_class[SERVICE]))]
    for extra in (ACTIVATION, INSTALLATION):
        if of_class[extra] and draw(st.sampled_from([True, True, True, False])):
            chosen.append(draw(st.sampled_from(of_class[extra])))
    chosen += draw(st.lists(st.sampled_from(of_class["Add-on"] or own), max_size=2, unique=True))
    chosen += draw(st.lists(st.sampled_from(OFFERS), max_size=1))  # noise from anywhere
    picked = [(offer, draw(quantities)) for offer in draw(st.permutations(chosen))]
    return kind, picked


@settings(max_examples=400)
@given(carts())
def test_a_cart_that_passes_keeps_every_rule(cart: tuple[OrderKind, list[tuple[CatalogEntry, int]]]) -> None:
    kind, chosen = cart
    lines = [CartLine(offer=offer, quantity=quantity, position=i) for i, (offer, quantity) in enumerate(chosen)]
    try:
        checked = check_cart(kind, lines)
    except CheckoutRuleError as refused:
        refusal: CheckoutRuleError | None = refused
    else:
        refusal = None
    if refusal is not None:
        assert refusal.code
        assert not isinstance(refusal, SkuNotOrderableError) or any(not line.offer.orderable for line in lines)
        return
    event("passed")
    assert all(line.offer.orderable and line.offer.category == kind.value for line in checked.lines)
    assert len(checked.skus) == len(checked.lines)
    assert [line.offer.item_class for line in checked.lines].count(SERVICE) == 1
    assert checked.plan.quantity == 1
    fees = checked.of_class(ACTIVATION)
    if kind is not OrderKind.INTERNET:
        assert [fee.quantity for fee in fees] == [1]
    else:
        installs = [i for i in checked.of_class(INSTALLATION) if not i.offer.sku.endswith(WEEKEND_SUFFIX)]
        assert len(installs) == 1
    for line in checked.lines:
        assert set(line.offer.required_skus) | set(line.offer.dependent_skus) <= checked.skus
        assert not set(line.offer.exclusive_skus) & checked.skus
        if line.offer.eligibility_condition:
            assert checked.plan.offer.sim_plan_type == "Voice"


def test_a_condition_the_portal_cannot_read_is_never_met() -> None:
    plan = _sale("P", SERVICE, SIM_Plan_Type__c="Voice", Colour__c="Red")
    fee = _sale("F", ACTIVATION)
    add_on = _sale("A", "Add-on", Eligibility_Condition__c="Colour__c = Red")
    lines = [CartLine(offer=o, quantity=1, position=i) for i, o in enumerate((plan, fee, add_on))]

    with pytest.raises(AddOnNotAllowedError):
        check_cart(OrderKind.SIM, lines)


def test_the_demo_catalogs_hidden_skus_are_exactly_the_unorderable_ones() -> None:
    assert {offer.sku for offer in OFFERS if not offer.orderable} == HIDDEN_SKUS
