"""Invoices, SSO links, pay methods, gateways, services and the catalog, the same in both worlds."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from application.errors import NotFoundError
from sandbox.whmcs.seed import HANAKO, HANAKO_INVOICES, HANAKO_MSISDN, HANAKO_SIM_SERVICE_ID, KENJI, MEI, SOTA
from sandbox.whmcs.seed_catalog import service_field_id
from tests.contract.whmcs.worlds import World


async def test_lists_invoices_newest_first_with_totals(world: World) -> None:
    page = await world.billing.invoices.list_invoices(HANAKO.client_id)
    assert page.total == 6
    assert [i.id for i in page.items] == [6, 5, 4, 3, 2, 1]
    assert [i.status for i in page.items] == ["Unpaid", "Unpaid", "Cancelled", "Paid", "Paid", "Refunded"]
    unpaid = page.items[0]
    assert (unpaid.subtotal, unpaid.tax, unpaid.total) == (Decimal("8780.00"), Decimal("878.00"), Decimal("9658.00"))
    assert unpaid.currency_code == "JPY"
    assert unpaid.paid_date is None
    assert page.items[3].paid_date is not None


async def test_pages_are_stable_and_cover_every_invoice_once(world: World) -> None:
    seen: list[int] = []
    for offset in range(0, 6, 2):
        page = await world.billing.invoices.list_invoices(HANAKO.client_id, offset=offset, limit=2)
        assert (page.total, page.offset, page.limit, len(page.items)) == (6, offset, 2, 2)
        seen += [i.id for i in page.items]
    assert seen == [6, 5, 4, 3, 2, 1]
    past_the_end = await world.billing.invoices.list_invoices(HANAKO.client_id, offset=6, limit=2)
    assert (past_the_end.items, past_the_end.total) == ((), 6)


@pytest.mark.parametrize(
    ("status", "ids"),
    [("Overdue", [5]), ("Unpaid", [6, 5]), ("Paid", [3, 2]), ("Cancelled", [4]), ("Refunded", [1]), ("Draft", [])],
)
async def test_filters_by_status_including_overdue(world: World, status: str, ids: list[int]) -> None:
    page = await world.billing.invoices.list_invoices(HANAKO.client_id, status=status)  # type: ignore[arg-type]
    assert [i.id for i in page.items] == ids
    assert page.total == len(ids)
    assert all(i.overdue == (i.id == HANAKO_INVOICES["Overdue"]) for i in page.items)


async def test_a_client_without_invoices_gets_an_empty_page(world: World) -> None:
    page = await world.billing.invoices.list_invoices(MEI.client_id)
    assert (page.items, page.total) == ((), 0)


async def test_reads_an_invoice_with_lines_payments_and_dates(world: World) -> None:
    refunded = await world.billing.invoices.get_invoice(HANAKO.client_id, HANAKO_INVOICES["Refunded"])
    assert refunded.status == "Refunded"
    assert [(line.type, line.related_id, line.amount) for line in refunded.lines] == [
        ("Hosting", 1, Decimal("6300.00")),
        ("Hosting", 2, Decimal("2480.00")),
    ]
    assert (refunded.tax_rate, refunded.tax, refunded.total) == (
        Decimal("10.000"),
        Decimal("878.00"),
        Decimal("9658.00"),
    )
    payment, refund = refunded.transactions
    assert (payment.amount_in, refund.amount_out) == (Decimal("9658.00"), Decimal("9658.00"))
    assert payment.date.utcoffset() == timedelta(hours=9)  # server-local time, made aware
    assert refunded.balance == Decimal("9658.00")  # total minus net payments, as WHMCS computes it
    assert refunded.currency_code == "JPY"
    overdue = await world.billing.invoices.get_invoice(HANAKO.client_id, HANAKO_INVOICES["Overdue"])
    assert (overdue.overdue, overdue.transactions, overdue.paid_date) == (True, (), None)
    assert overdue.due_date < world.clock.now().date()


async def test_someone_elses_invoice_looks_like_no_invoice(world: World) -> None:
    with pytest.raises(NotFoundError):
        await world.billing.invoices.get_invoice(KENJI.client_id, HANAKO_INVOICES["Unpaid"])
    with pytest.raises(NotFoundError):
        await world.billing.invoices.get_invoice(HANAKO.client_id, 9999)


async def test_sso_links_are_single_use_urls_valid_for_a_minute(world: World) -> None:
    link = await world.billing.payment_links.create_invoice_sso_link(HANAKO.client_id, HANAKO_INVOICES["Unpaid"])
    assert "/oauth/singlesignon.php?access_token=" in link.url
    assert link.expires_at == world.clock.now() + timedelta(seconds=60)
    other = await world.billing.payment_links.create_payment_methods_sso_link(HANAKO.client_id)
    assert other.url != link.url
    with pytest.raises(NotFoundError):
        await world.billing.payment_links.create_invoice_sso_link(KENJI.client_id, HANAKO_INVOICES["Unpaid"])


async def test_pay_methods_are_masked(world: World) -> None:
    (card,) = await world.billing.payment_methods.list_pay_methods(HANAKO.client_id)
    assert (card.type, card.gateway, card.card_type, card.card_last_four, card.expiry) == (
        "RemoteCreditCard", "stripe", "Visa", "4242", "12/28",
    )  # fmt: skip
    assert card.bank_name is None
    (bank,) = await world.billing.payment_methods.list_pay_methods(MEI.client_id)
    assert (bank.type, bank.bank_name, bank.card_last_four) == ("BankAccount", "Mizuho Bank", None)
    assert await world.billing.payment_methods.list_pay_methods(SOTA.client_id) == ()
    with pytest.raises(NotFoundError):
        await world.billing.payment_methods.list_pay_methods(404)


async def test_lists_the_active_gateways(world: World) -> None:
    gateways = await world.billing.payment_methods.list_payment_gateways()
    assert [(g.module, g.display_name) for g in gateways] == [
        ("stripe", "Credit Card"),
        ("banktransfer", "Bank Transfer"),
    ]


async def test_lists_services_with_their_custom_fields(world: World) -> None:
    internet, sim = await world.billing.services.list_services(HANAKO.client_id)
    assert (internet.product_id, internet.name, internet.group_name, internet.status) == (
        112,
        "Home 1G Pro",
        "Internet",
        "Active",
    )
    assert (internet.billing_cycle, internet.recurring_amount) == ("Monthly", Decimal("6300.00"))
    assert internet.next_due_date is not None
    assert internet.registration_date is not None
    fields = {f.name: (f.id, f.value) for f in sim.custom_fields}
    assert fields["SIM Number"] == (service_field_id(204, "SIM Number"), HANAKO_MSISDN)
    assert fields["EID"] == (service_field_id(204, "EID"), "")
    assert await world.billing.services.list_services(MEI.client_id) == ()


async def test_a_service_is_read_only_by_its_owner(world: World) -> None:
    sim = await world.billing.services.get_service(HANAKO.client_id, HANAKO_SIM_SERVICE_ID)
    assert sim.product_id == 204
    with pytest.raises(NotFoundError):
        await world.billing.services.get_service(KENJI.client_id, HANAKO_SIM_SERVICE_ID)


async def test_the_catalog_carries_prices_by_cycle(world: World) -> None:
    everything = await world.billing.products.list_products()
    assert len(everything) == 12 + 24 + 3 + 3
    plan, installation = await world.billing.products.list_products((112, 131))
    assert (plan.id, plan.pay_type, plan.prices, plan.currency_code) == (
        112,
        "recurring",
        {"monthly": Decimal("6300.00")},
        "JPY",
    )
    assert (installation.pay_type, installation.prices) == ("onetime", {"onetime": Decimal("22000.00")})
    assert "<p>" in plan.description  # product descriptions are real HTML
    (family,) = await world.billing.products.list_products((224,))
    assert family.prices == {"monthly": Decimal("2180.00")}  # SIM-10GB-VOICE-FAMILY: 300 less
    assert {f.name for f in family.custom_fields} == {"OpportunityId", "SIM Number", "Serial Number", "EID"}
