import { useEffect, useState } from "react";
import { catalogIndex, internetCatalog, simCatalog, vpnCatalog, type Fetched } from "../api/catalog";
import { money, type Schemas } from "../api/client";
import { Link } from "../router";
import { Loading, Page, ProblemMessage } from "../ui";

type Offer = Schemas["OfferView"];
type Family = "internet" | "sim" | "vpn";
const FAMILY_NAMES: Record<Family, string> = { internet: "Fibre Internet", sim: "SIM and eSIM", vpn: "VPN" };

function useFetched<T>(fetch: () => Promise<Fetched<T>>, key: string) {
  const [state, setState] = useState<Fetched<T> | "network" | null>(null);
  useEffect(() => {
    let live = true;
    setState(null);
    fetch().then(
      (answer) => live && setState(answer),
      () => live && setState("network"),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

function Offers({ caption, offers }: { caption: string; offers: Offer[] }) {
  if (offers.length === 0) return null;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Plan</th>
          <th scope="col">Price</th>
          <th scope="col">Billed</th>
        </tr>
      </thead>
      <tbody>
        {offers.map((offer) => (
          <tr key={offer.sku}>
            <th scope="row">{offer.name}</th>
            <td className="number">{money(offer.price)}</td>
            <td>{offer.billingCycle ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FamilyOffers({ family }: { family: Family }) {
  const load = family === "internet" ? internetCatalog : family === "sim" ? simCatalog : vpnCatalog;
  const state = useFetched<Schemas["InternetCatalogView"] | Schemas["SimCatalogView"] | Schemas["VpnCatalogView"]>(load, family);
  if (state === null) return <Loading />;
  if (state === "network") return <ProblemMessage problem="network" />;
  if ("problem" in state) return <ProblemMessage problem={state.problem ?? "network"} />;
  const body = state.body;
  return (
    <div data-revalidated={state.revalidated}>
      {"offerings" in body &&
        body.offerings.map((offering) => (
          <Offers key={offering.offeringType} caption={`${offering.offeringType} plans (monthly)`} offers={offering.plans} />
        ))}
      {"installations" in body && <Offers caption="Installation" offers={body.installations} />}
      {"familyPlans" in body && <Offers caption="SIM plans (monthly)" offers={body.plans} />}
      {!("familyPlans" in body) && !("offerings" in body) && <Offers caption="VPN plans (monthly)" offers={body.plans} />}
      {"activationFee" in body && body.activationFee && <Offers caption="One-time fees" offers={[body.activationFee]} />}
      {"addons" in body && <Offers caption="Options" offers={body.addons} />}
      <p className="quiet">
        Prices {body.pricesIncludeTax ? "include" : "exclude"} consumption tax ({body.taxRatePercent ?? "10"} %).
      </p>
    </div>
  );
}

export function CatalogPage() {
  const [family, setFamily] = useState<Family>("internet");
  const index = useFetched(catalogIndex, "index");
  return (
    <Page title="Our services">
      {index === null && <Loading />}
      {index === "network" && <ProblemMessage problem="network" />}
      {index !== null && index !== "network" && "problem" in index && <ProblemMessage problem={index.problem ?? "network"} />}
      {index !== null && index !== "network" && "body" in index && (
        <>
          <div className="cards" role="group" aria-label="Service families">
            {index.body.services.map((service) => {
              const name = FAMILY_NAMES[service.family as Family] ?? service.family;
              return (
                <button
                  key={service.family}
                  type="button"
                  className="card"
                  aria-pressed={family === service.family}
                  onClick={() => setFamily(service.family as Family)}
                >
                  <strong>{name}</strong>
                  <span>
                    {service.planCount} plans
                    {service.lowestMonthlyPrice ? `, from ${money(service.lowestMonthlyPrice)} a month` : ""}
                  </span>
                </button>
              );
            })}
          </div>
          <h2>{FAMILY_NAMES[family]}</h2>
          <FamilyOffers family={family} />
          <p>
            Already a customer? <Link to="/login">Log in</Link> to order. New here? <Link to="/signup">Sign up</Link> with
            the customer number from your contract.
          </p>
        </>
      )}
    </Page>
  );
}
