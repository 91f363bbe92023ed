import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AccountLiveProvider } from "./live";
import { Router } from "./router";
import { SessionProvider } from "./session";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Router>
        <SessionProvider>
          <AccountLiveProvider>
            <App />
          </AccountLiveProvider>
        </SessionProvider>
      </Router>
    </StrictMode>,
  );
}
