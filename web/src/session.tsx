// The session as the BFF tells it (GET /api/auth/session and every sign-in answer). The CSRF token lives only in
// this memory: never in localStorage or a readable cookie. A reload asks the BFF again.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, type Schemas } from "./api/client";

type Session = Schemas["SessionView"];
type SessionState = {
  session: Session | null; // null while the first answer is awaited
  csrf: () => { "X-CSRF-Token": string };
  signedIn: (answer: Session) => void;
  refresh: () => Promise<void>;
  signedOut: () => void;
};

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const refresh = useCallback(async () => {
    const { data } = await api.GET("/api/auth/session");
    setSession(data ?? { authenticated: false });
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value: SessionState = {
    session,
    csrf: () => ({ "X-CSRF-Token": session?.csrfToken ?? "" }),
    signedIn: (answer) => setSession(answer),
    refresh,
    signedOut: () => setSession({ authenticated: false }),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}

/** Headers for an unsafe request without a session (login, sign-up): the CSRF token of the anonymous session, if any. */
export function optionalCsrf(session: Session | null): { "X-CSRF-Token"?: string } {
  return session?.csrfToken ? { "X-CSRF-Token": session.csrfToken } : {};
}
