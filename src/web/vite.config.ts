import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web UI is built into dist/web and served by `termsight serve` (same origin as /api).
export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: new URL("../../dist/web", import.meta.url).pathname, emptyOutDir: true, sourcemap: false },
  server: { port: 5173, proxy: { "/api": "http://127.0.0.1:8080" } },
});
