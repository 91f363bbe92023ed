"""Billing clients over WHMCS: find, add (safely under timeouts), read, update."""

from __future__ import annotations

from adapters.whmcs import mappers
from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from adapters.whmcs.php_serialize import serialize_fields
from adapters.whmcs.transport import OutcomeUnknownError
from application.errors import ConflictError, NotFoundError
from application.ports.billing.clients import ClientProfile, ClientUpdate, NewClient


class WhmcsClients:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api
        self._customer_number_field = api.config.customer_number_field_id

    async def find_client_by_email(self, email: str) -> ClientProfile | None:
        try:
            body = await self._api.read("GetClientsDetails", email=email)
        except NotFoundError:
            return None
        return mappers.client_profile(body["client"], self._customer_number_field)

    async def get_client(self, client_id: int) -> ClientProfile:
        body = await self._api.read("GetClientsDetails", clientid=client_id)
        return mappers.client_profile(body["client"], self._customer_number_field)

    async def add_client(self, client: NewClient) -> int:
        fields = {self._customer_number_field: client.customer_number, **client.extra_custom_fields}
        try:
            body = await self._api.write(
                "AddClient",
                firstname=client.first_name,
                lastname=client.last_name,
                companyname=client.company_name or None,
                email=client.email,
                address1=client.address.address1,
                address2=client.address.address2 or None,
                city=client.address.city,
                state=client.address.state,
                postcode=client.address.postcode,
                country=client.address.country,
                phonenumber=client.phone,
                password2=client.password,
                customfields=serialize_fields(fields),
                noemail=True,
            )
        except OutcomeUnknownError:
            # AddClient has no idempotency key: find out whether it happened before anyone tries again.
            existing = await self._ours(client)
            if existing is None:
                raise
            return existing
        except ConflictError:
            # The email is taken: by this very client if an earlier attempt's answer was lost.
            existing = await self._ours(client)
            if existing is None:
                raise
            return existing
        return n.to_int(body["clientid"])

    async def _ours(self, client: NewClient) -> int | None:
        """The id of the client with this email, if it carries our customer number; ConflictError if not ours."""
        existing = await self.find_client_by_email(client.email)
        if existing is None:
            return None
        if existing.customer_number != client.customer_number:
            raise ConflictError("The email address entered is not available for use.")
        return existing.id

    async def update_client(self, client_id: int, update: ClientUpdate) -> None:
        params: dict[str, object] = {
            "firstname": update.first_name,
            "lastname": update.last_name,
            "companyname": update.company_name,
            "email": update.email,
            "phonenumber": update.phone,
            "status": update.status,
        }
        if update.address is not None:
            address = update.address
            params |= {"address1": address.address1, "address2": address.address2, "city": address.city}
            params |= {"state": address.state, "postcode": address.postcode, "country": address.country}
        present = {key: value for key, value in params.items() if value is not None}
        if present:
            await self._api.write("UpdateClient", clientid=client_id, **present)
