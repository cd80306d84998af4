import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// With its extension, as Vite's config loader asks (TypeScript finds kit/pages.ts).
import { kitPages } from './kit/pages.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  // kitPages: the facilitator's kit (docs/kit) as printable pages at /kit/en, /kit/zh, /kit/es.
  plugins: [svelte(), kitPages()],
  build: {
    outDir: here('../dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // scripts/build.mjs reads it to report what each route loads.
    manifest: true,
  },
  server: {
    fs: { allow: [here('..')] },
    // `npm run dev:web` talks to a running `wrangler dev` for the API and the rooms.
    proxy: {
      '/api': 'http://127.0.0.1:8787',
      '/parties': { target: 'ws://127.0.0.1:8787', ws: true },
    },
  },
});
