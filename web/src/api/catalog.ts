// The public catalog, revalidated with its ETag: each document is kept in memory with the ETag it came with and
// asked for again with If-None-Match; a 304 means the copy is current. The index names every family's current ETag,
// so a family whose ETag has not changed is not asked for at all.
import { api, type Problem, type Schemas } from "./client";

type Kept<T> = { etag: string; body: T };
type Answer<T> = { data?: T; error?: Problem; response: Response };
type Headers = { headers?: { "If-None-Match": string } };
export type Fetched<T> = { body: T; revalidated: boolean } | { problem: Problem | null };

const kept = new Map<string, Kept<unknown>>();

async function revalidated<T>(path: string, ask: (init: Headers) => Promise<Answer<T>>, etag?: string): Promise<Fetched<T>> {
  const copy = kept.get(path) as Kept<T> | undefined;
  if (copy && etag && copy.etag === etag) return { body: copy.body, revalidated: true };
  const { data, error, response } = await ask(copy ? { headers: { "If-None-Match": copy.etag } } : {});
  if (response.status === 304 && copy) return { body: copy.body, revalidated: true };
  if (data !== undefined) {
    kept.set(path, { etag: response.headers.get("ETag") ?? "", body: data });
    return { body: data, revalidated: false };
  }
  return { problem: error ?? null };
}

export function catalogIndex(): Promise<Fetched<Schemas["CatalogIndex"]>> {
  return revalidated("/api/public/services", (init) => api.GET("/api/public/services", init));
}

function currentEtag(family: string): string | undefined {
  const index = kept.get("/api/public/services") as Kept<Schemas["CatalogIndex"]> | undefined;
  return index?.body.services.find((s) => s.family === family)?.etag;
}

export function internetCatalog(): Promise<Fetched<Schemas["InternetCatalogView"]>> {
  const path = "/api/public/services/internet";
  return revalidated(path, (init) => api.GET(path, init), currentEtag("internet"));
}

export function simCatalog(): Promise<Fetched<Schemas["SimCatalogView"]>> {
  const path = "/api/public/services/sim";
  return revalidated(path, (init) => api.GET(path, init), currentEtag("sim"));
}

export function vpnCatalog(): Promise<Fetched<Schemas["VpnCatalogView"]>> {
  const path = "/api/public/services/vpn";
  return revalidated(path, (init) => api.GET(path, init), currentEtag("vpn"));
}
