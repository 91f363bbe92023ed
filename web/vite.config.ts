// A static build (dist/): no Node process in production. The edge (deploy/nginx) serves it and proxies /api.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  // `npm run dev` against a local `portal serve`, same origin through the dev server's proxy.
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
});
