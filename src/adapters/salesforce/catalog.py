"""`CatalogSource` over the portal Pricebook2's PricebookEntry rows and their Product2 fields."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, get_type_hints

import msgspec
from simple_salesforce.format import format_soql

from adapters.salesforce.records import flag, money, parent, sku_list, text, whole
from adapters.salesforce.rest_client import SalesforceRestClient, all_records
from application.ports.catalog_source import CRM_ENTRY_FIELDS, CRM_PRODUCT_FIELDS, CatalogEntry

_SELECTED = ", ".join([*CRM_ENTRY_FIELDS.values(), *(f"Product2.{name}" for name in CRM_PRODUCT_FIELDS.values())])
# Keeps each IN (...) list, and so the request URI, well under Salesforce's 16 KB limit.
_SKUS_PER_QUERY = 100


def _required_text(record: dict[str, Any], name: str) -> str:
    return text(record, name) or ""


# How a record's value becomes the `CatalogEntry` field's type (the field list itself is the port's).
_READERS: dict[object, Callable[[dict[str, Any], str], object]] = {
    str: _required_text,
    str | None: text,
    bool: flag,
    int | None: whole,
    Decimal: money,
    tuple[str, ...]: sku_list,
}
_TYPES = get_type_hints(CatalogEntry)


def to_entry(record: dict[str, Any]) -> CatalogEntry:
    product = parent(record, "Product2")
    values = {field: _READERS[_TYPES[field]](record, name) for field, name in CRM_ENTRY_FIELDS.items()}
    values |= {field: _READERS[_TYPES[field]](product, name) for field, name in CRM_PRODUCT_FIELDS.items()}
    return msgspec.convert(values, CatalogEntry)


class SalesforceCatalogSource:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client
        self._pricebook = client.config.portal_pricebook_name

    async def list_portal_entries(self) -> tuple[CatalogEntry, ...]:
        soql = format_soql(
            "SELECT {fields:literal} FROM PricebookEntry WHERE Pricebook2.Name = {book} "
            "ORDER BY Product2.StockKeepingUnit",
            fields=_SELECTED,
            book=self._pricebook,
        )
        records = await self._client.read(all_records(soql))
        return tuple(to_entry(r) for r in records)

    async def find_entries(self, skus: Sequence[str]) -> tuple[CatalogEntry, ...]:
        wanted = list(dict.fromkeys(skus))
        found: list[CatalogEntry] = []
        for start in range(0, len(wanted), _SKUS_PER_QUERY):
            soql = format_soql(
                "SELECT {fields:literal} FROM PricebookEntry WHERE Pricebook2.Name = {book} "
                "AND Product2.StockKeepingUnit IN {skus} ORDER BY Product2.StockKeepingUnit",
                fields=_SELECTED,
                book=self._pricebook,
                skus=wanted[start : start + _SKUS_PER_QUERY],
            )
            records = await self._client.read(all_records(soql))
            found += [to_entry(r) for r in records]
        return tuple(found)
