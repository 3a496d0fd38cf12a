import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web UI is built into dist/web and served by `termsight serve` (same origin as /api).
export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  plugins: [react()],
  build: {
    outDir: new URL("../../dist/web", import.meta.url).pathname,
    emptyOutDir: true,
    sourcemap: false,
    // ECharts is one on-demand chunk (~190 KB gzip), loaded only by the compare and probes views.
    chunkSizeWarningLimit: 600,
  },
  server: { port: 5173, proxy: { "/api": process.env.TERMSIGHT_API ?? "http://127.0.0.1:8080" } },
});
