import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { Router } from "./router";
import { SessionProvider } from "./session";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Router>
        <SessionProvider>
          <App />
        </SessionProvider>
      </Router>
    </StrictMode>,
  );
}
