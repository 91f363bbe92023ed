"""Every Salesforce stream channel the portal consumes, and how long Salesforce keeps their events: one home.

The change handlers name their channels from here, the in-memory stream twin offers exactly these, and whoever
waits for the consumer (the demo, the tour) asks about them by these names. Salesforce must have CDC enabled for
the four entities and publish the platform event (README, "Operating it").
"""

from __future__ import annotations

from datetime import timedelta

from application.ports.change_stream import change_event_channel

PRODUCT = change_event_channel("Product2")
PRICEBOOK_ENTRY = change_event_channel("PricebookEntry")
ORDER = change_event_channel("Order")
ORDER_ITEM = change_event_channel("OrderItem")
ELIGIBILITY = "/event/Account_Eligibility_Update__e"

CONSUMED = (PRODUCT, PRICEBOOK_ENTRY, ORDER, ORDER_ITEM, ELIGIBILITY)

# Salesforce keeps change and platform events this long: no redelivery comes later, so whatever remembers an
# event to skip its redelivery need not remember it longer.
RETENTION = timedelta(hours=72)
RETENTION_SECONDS = int(RETENTION.total_seconds())
