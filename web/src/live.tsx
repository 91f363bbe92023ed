// Live updates over Server-Sent Events (GET /api/account/events, /api/orders/{id}/events). The events are notices
// with ids only: a page that hears one fetches the state it names again from the usual routes. The browser's
// EventSource sends the session cookie (same origin) and reconnects by itself with Last-Event-ID, so a dropped
// connection replays what it missed; `resync` (beyond the server's window) means "fetch everything again".
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useSession } from "./session";

export type LiveEvent = { type: string; id: string; data: unknown };
export type LiveState = "connecting" | "live" | "retrying";

const NOTICES = ["order.updated", "notification.created", "eligibility.changed", "resync"] as const;
const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * Follow one event stream while the component is mounted. A stream the server refused (401, 404, 429 — EventSource
 * then gives up for good) is opened again after a growing pause; one that merely dropped is reopened by the browser.
 */
export function useEventStream(
  url: string | null,
  onEvent: (event: LiveEvent) => void,
  identity: string = "", // a new identity (another customer signed in) opens a new stream
): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (url === null) return;
    let source: EventSource | null = null;
    let timer: number | undefined;
    let pause = FIRST_RETRY_MS;
    let stopped = false;
    const open = () => {
      source = new EventSource(url);
      source.onopen = () => {
        pause = FIRST_RETRY_MS;
        setState("live");
      };
      for (const type of NOTICES) {
        source.addEventListener(type, (message) => {
          const event = message as MessageEvent<string>;
          let data: unknown = null;
          try {
            data = JSON.parse(event.data);
          } catch {
            data = event.data;
          }
          handler.current({ type, id: event.lastEventId, data });
        });
      }
      source.onerror = () => {
        if (stopped || !source) return;
        if (source.readyState === EventSource.CLOSED) {
          setState("retrying");
          timer = window.setTimeout(open, pause);
          pause = Math.min(pause * 2, LONGEST_RETRY_MS);
        } else {
          setState("connecting"); // the browser reconnects by itself, with Last-Event-ID
        }
      };
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      source?.close();
    };
  }, [url, identity]);
  return state;
}

type AccountLive = { state: LiveState; version: number; last: LiveEvent | null; touch: () => void };
const AccountLiveContext = createContext<AccountLive>({
  state: "connecting",
  version: 0,
  last: null,
  touch: () => undefined,
});

/** One stream of the signed-in customer's events for the whole app: pages reload what they show when `version` moves. */
export function AccountLiveProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const [seen, setSeen] = useState<{ version: number; last: LiveEvent | null }>({ version: 0, last: null });
  const state = useEventStream(
    session?.authenticated ? "/api/account/events" : null,
    (event) => setSeen((before) => ({ version: before.version + 1, last: event })),
    session?.userId ?? "",
  );
  // Our own change (a notification marked read) refreshes what depends on the account, like an event would.
  const touch = useCallback(() => setSeen((before) => ({ ...before, version: before.version + 1 })), []);
  return <AccountLiveContext.Provider value={{ state, ...seen, touch }}>{children}</AccountLiveContext.Provider>;
}

export function useAccountLive(): AccountLive {
  return useContext(AccountLiveContext);
}
