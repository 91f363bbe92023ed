"""Product2, Pricebook2, PricebookEntry, Order and OrderItem with the portal's catalog and fulfilment fields."""

from __future__ import annotations

from sandbox.salesforce.objects_crm import _address
from sandbox.salesforce.schema import (
    Access,
    ChildRelationship,
    FieldDef,
    Kind,
    ObjectDef,
    auto_number,
    flag,
    number,
    pick,
    ref,
    system_fields,
    text,
)

ORDER_STATUSES = ("Draft", "Pending Review", "Approved", "Processed", "Reactivate", "Activated", "Cancelled")
ACTIVATED_ORDER_STATUSES = frozenset({"Activated"})

PRODUCT2 = ObjectDef(
    "Product2",
    "01t",
    [
        *system_fields(),
        text("Name", required=True),
        text("ProductCode"),
        FieldDef("Description", Kind.TEXTAREA, max_length=4000),
        flag("IsActive"),
        text("Family"),
        text("StockKeepingUnit", max_length=180, external_id=True),
        pick("Product2Categories1__c", ("Internet", "SIM", "VPN", "Other")),
        flag("Portal_Catalog__c"),
        flag("Portal_Accessible__c"),
        pick("Item_Class__c", ("Service", "Installation", "Add-on", "Activation")),
        pick("Billing_Cycle__c", ("Monthly", "Onetime")),
        number("WH_Product_ID__c"),
        text("WH_Product_Name__c"),
        text("Internet_Plan_Tier__c"),
        text("Internet_Offering_Type__c"),
        number("Internet_Monthly_Price__c", Kind.CURRENCY),
        number("Internet_Display_Order__c"),
        number("Installment_Months__c"),
        text("SIM_Data_Size__c"),
        pick("SIM_Plan_Type__c", ("Voice", "Data+SMS", "Data")),
        flag("SIM_Has_Family_Discount__c"),
        text("Freebit_Plan_Code__c"),
        text("VPN_Region__c"),
        number("VPN_Display_Order__c"),
        number("Display_Order__c"),
        flag("Is_Default__c"),
        flag("Auto_Add__c"),
        text("Eligibility_Condition__c"),
        FieldDef("Required_Products__c", Kind.TEXTAREA),  # JSON array of SKUs
        FieldDef("Dependent_Products__c", Kind.TEXTAREA),
        FieldDef("Mutually_Exclusive__c", Kind.TEXTAREA),
    ],
    cdc_enabled=True,
    children=[ChildRelationship("PricebookEntries", "PricebookEntry", "Product2Id")],
    label="Product",
)

PRICEBOOK2 = ObjectDef(
    "Pricebook2",
    "01s",
    [
        *system_fields(),
        text("Name", required=True),
        flag("IsActive"),
        FieldDef("IsStandard", Kind.BOOLEAN, Access.READ_ONLY),
        FieldDef("Description", Kind.TEXTAREA),
    ],
    children=[ChildRelationship("PricebookEntries", "PricebookEntry", "Pricebook2Id")],
    label="Price Book",
)

PRICEBOOK_ENTRY = ObjectDef(
    "PricebookEntry",
    "01u",
    [
        *system_fields(),
        FieldDef("Name", Kind.STRING, Access.READ_ONLY),
        FieldDef("ProductCode", Kind.STRING, Access.READ_ONLY),
        ref("Pricebook2Id", "Pricebook2", required=True, access=Access.CREATE_ONLY),
        ref("Product2Id", "Product2", required=True, access=Access.CREATE_ONLY),
        number("UnitPrice", Kind.CURRENCY),
        flag("IsActive"),
        flag("UseStandardPrice"),
    ],
    cdc_enabled=True,
    label="Price Book Entry",
    label_plural="Price Book Entries",
)

ORDER = ObjectDef(
    "Order",
    "801",
    [
        *system_fields(),
        auto_number("OrderNumber"),
        text("Name", max_length=80),
        ref("AccountId", "Account", required=True),
        pick("Status", ORDER_STATUSES, required=True),
        FieldDef("StatusCode", Kind.STRING, Access.READ_ONLY),
        FieldDef("EffectiveDate", Kind.DATE, required=True),
        ref("Pricebook2Id", "Pricebook2"),
        ref("OpportunityId", "Opportunity"),
        text("Type"),
        FieldDef("Description", Kind.TEXTAREA),
        FieldDef("TotalAmount", Kind.CURRENCY, Access.READ_ONLY),
        FieldDef("ActivatedDate", Kind.DATETIME, Access.READ_ONLY),
        *_address("Billing"),
        pick("Order_Type__c", ("Internet", "SIM", "VPN", "Other")),
        text("Activation_Type__c"),
        FieldDef("Activation_Scheduled_At__c", Kind.DATETIME),
        text("Activation_Status__c"),
        text("Activation_Error_Code__c"),
        FieldDef("Activation_Error_Message__c", Kind.TEXTAREA),
        text("WHMCS_Order_ID__c", external_id=True),
        text("Portal_Order_Key__c", max_length=64, unique=True, external_id=True),  # the portal's idempotency key
        text("Internet_Plan_Tier__c"),
        text("Installation_Type__c"),
        flag("Weekend_Install__c"),
        text("Access_Mode__c"),
        flag("Hikari_Denwa__c"),
        text("VPN_Region__c"),
        text("SIM_Type__c"),
        text("EID__c"),
        flag("SIM_Voice_Mail__c"),
        flag("SIM_Call_Waiting__c"),
        text("MNP_Reservation_Number__c"),
        FieldDef("MNP_Expiry_Date__c", Kind.DATE),
        text("MNP_Phone_Number__c"),
    ],
    cdc_enabled=True,
    children=[ChildRelationship("OrderItems", "OrderItem", "OrderId")],
)

ORDER_ITEM = ObjectDef(
    "OrderItem",
    "802",
    [
        *system_fields(),
        auto_number("OrderItemNumber"),
        ref("OrderId", "Order", required=True, access=Access.CREATE_ONLY),
        ref("PricebookEntryId", "PricebookEntry", required=True, access=Access.CREATE_ONLY),
        ref("Product2Id", "Product2", access=Access.READ_ONLY),
        number("Quantity"),
        number("UnitPrice", Kind.CURRENCY),
        FieldDef("ListPrice", Kind.CURRENCY, Access.READ_ONLY),
        FieldDef("TotalPrice", Kind.CURRENCY, Access.READ_ONLY),
        text("WHMCS_Service_ID__c"),
        text("Billing_Cycle__c"),
    ],
    cdc_enabled=True,
    label="Order Product",
)
