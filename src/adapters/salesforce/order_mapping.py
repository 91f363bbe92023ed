"""Order and OrderItem between the order desk's types and Salesforce field names."""

from __future__ import annotations

from typing import Any

import msgspec

from adapters.salesforce.records import children, day, flag, instant, money, parent, text, whole
from application.ports.crm_models import CrmAddress
from application.ports.order_desk import (
    INITIAL_ORDER_STATUS,
    ActivationUpdate,
    NewOrder,
    Order,
    OrderItem,
    OrderOptions,
)

ORDER_FIELDS = (
    "Id, OrderNumber, AccountId, Status, Order_Type__c, EffectiveDate, TotalAmount, Activation_Type__c, "
    "Activation_Scheduled_At__c, Activation_Status__c, Activation_Error_Code__c, Activation_Error_Message__c, "
    "WHMCS_Order_ID__c, OpportunityId, CreatedDate, LastModifiedDate, Portal_Order_Key__c, "
    "BillingStreet, BillingCity, BillingState, BillingPostalCode, BillingCountry, "
    "Internet_Plan_Tier__c, Installation_Type__c, Weekend_Install__c, Access_Mode__c, Hikari_Denwa__c, "
    "VPN_Region__c, SIM_Type__c, EID__c, SIM_Voice_Mail__c, SIM_Call_Waiting__c, "
    "MNP_Reservation_Number__c, MNP_Expiry_Date__c, MNP_Phone_Number__c, "
    "(SELECT Id, PricebookEntryId, Product2Id, Product2.StockKeepingUnit, Product2.Name, Product2.WH_Product_ID__c, "
    "Quantity, UnitPrice, TotalPrice, Billing_Cycle__c, WHMCS_Service_ID__c FROM OrderItems ORDER BY OrderItemNumber)"
)


def order_body(order: NewOrder, pricebook_id: str) -> dict[str, Any]:
    options = order.options
    address = order.billing_address
    body: dict[str, Any] = {
        "AccountId": order.account_id,
        "Status": INITIAL_ORDER_STATUS,
        "EffectiveDate": order.effective_date.isoformat(),
        "Pricebook2Id": pricebook_id,
        "Portal_Order_Key__c": order.key,
        "Order_Type__c": order.order_type,
        "Activation_Type__c": order.activation_type,
        "Activation_Scheduled_At__c": order.activation_scheduled_at.isoformat()
        if order.activation_scheduled_at
        else None,
        "OpportunityId": order.opportunity_id,
        "BillingStreet": address.street,
        "BillingCity": address.city,
        "BillingState": address.prefecture,
        "BillingPostalCode": address.postcode,
        "BillingCountry": address.country,
        "Internet_Plan_Tier__c": options.internet_plan_tier,
        "Installation_Type__c": options.installation_type,
        "Weekend_Install__c": options.weekend_install,
        "Access_Mode__c": options.access_mode,
        "Hikari_Denwa__c": options.hikari_denwa,
        "VPN_Region__c": options.vpn_region,
        "SIM_Type__c": options.sim_type,
        "EID__c": options.eid,
        "SIM_Voice_Mail__c": options.sim_voice_mail,
        "SIM_Call_Waiting__c": options.sim_call_waiting,
        "MNP_Reservation_Number__c": options.mnp_reservation_number,
        "MNP_Expiry_Date__c": options.mnp_expiry_date.isoformat() if options.mnp_expiry_date else None,
        "MNP_Phone_Number__c": options.mnp_phone_number,
    }
    # Unset optional fields are left out rather than sent as null: the org's defaults apply.
    return {k: v for k, v in body.items() if v is not None}


def activation_changes(update: ActivationUpdate) -> dict[str, Any]:
    names = {
        "activation_status": "Activation_Status__c",
        "error_code": "Activation_Error_Code__c",
        "error_message": "Activation_Error_Message__c",
        "whmcs_order_id": "WHMCS_Order_ID__c",
        "status": "Status",
    }
    return {
        field: getattr(update, attribute)
        for attribute, field in names.items()
        if getattr(update, attribute) is not msgspec.UNSET
    }


def to_item(record: dict[str, Any]) -> OrderItem:
    product = parent(record, "Product2")
    return OrderItem(
        id=str(record["Id"]),
        entry_id=str(record["PricebookEntryId"]),
        product_id=str(record["Product2Id"]),
        sku=text(product, "StockKeepingUnit"),
        product_name=text(product, "Name"),
        whmcs_product_id=whole(product, "WH_Product_ID__c"),
        quantity=whole(record, "Quantity") or 0,
        unit_price=money(record, "UnitPrice"),
        total_price=money(record, "TotalPrice"),
        billing_cycle=text(record, "Billing_Cycle__c"),
        whmcs_service_id=text(record, "WHMCS_Service_ID__c"),
    )


def to_order(record: dict[str, Any]) -> Order:
    effective = day(record, "EffectiveDate")
    created, modified = instant(record, "CreatedDate"), instant(record, "LastModifiedDate")
    # EffectiveDate is required and the dates are system fields: Salesforce always sends them.
    assert effective is not None
    assert created is not None
    assert modified is not None
    return Order(
        id=str(record["Id"]),
        order_number=str(record.get("OrderNumber") or ""),
        account_id=str(record["AccountId"]),
        status=str(record.get("Status") or ""),
        order_type=text(record, "Order_Type__c"),
        effective_date=effective,
        total_amount=money(record, "TotalAmount"),
        activation_type=text(record, "Activation_Type__c"),
        activation_scheduled_at=instant(record, "Activation_Scheduled_At__c"),
        activation_status=text(record, "Activation_Status__c"),
        activation_error_code=text(record, "Activation_Error_Code__c"),
        activation_error_message=text(record, "Activation_Error_Message__c"),
        whmcs_order_id=text(record, "WHMCS_Order_ID__c"),
        opportunity_id=text(record, "OpportunityId"),
        created_at=created,
        last_modified_at=modified,
        items=tuple(to_item(i) for i in children(record, "OrderItems")),
        options=to_options(record),
        billing_address=to_address(record),
        key=text(record, "Portal_Order_Key__c"),
    )


def to_options(record: dict[str, Any]) -> OrderOptions:
    return OrderOptions(
        internet_plan_tier=text(record, "Internet_Plan_Tier__c"),
        installation_type=text(record, "Installation_Type__c"),
        weekend_install=flag(record, "Weekend_Install__c"),
        access_mode=text(record, "Access_Mode__c"),
        hikari_denwa=flag(record, "Hikari_Denwa__c"),
        vpn_region=text(record, "VPN_Region__c"),
        sim_type=text(record, "SIM_Type__c"),
        eid=text(record, "EID__c"),
        sim_voice_mail=flag(record, "SIM_Voice_Mail__c"),
        sim_call_waiting=flag(record, "SIM_Call_Waiting__c"),
        mnp_reservation_number=text(record, "MNP_Reservation_Number__c"),
        mnp_expiry_date=day(record, "MNP_Expiry_Date__c"),
        mnp_phone_number=text(record, "MNP_Phone_Number__c"),
    )


def to_address(record: dict[str, Any]) -> CrmAddress | None:
    street, city = text(record, "BillingStreet"), text(record, "BillingCity")
    state, postcode = text(record, "BillingState"), text(record, "BillingPostalCode")
    if not any((street, city, state, postcode)):
        return None
    return CrmAddress(
        street=street or "",
        city=city or "",
        prefecture=state or "",
        postcode=postcode or "",
        country=text(record, "BillingCountry") or "Japan",
    )
