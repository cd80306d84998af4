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
  resolve: {
    // The refusals' English sentences are the server's (rule, logs): the browser says them
    // from its own catalogues, so its build leaves them out (web/src/lib/refusals-english.ts).
    // core/protocol imports it as './refusals-english'.
    alias: [{ find: /^(\.|.*\/core\/protocol)\/refusals-english(\.ts)?$/, replacement: here('src/lib/refusals-english.ts') }],
  },
  build: {
    outDir: here('../dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // scripts/build.mjs reads it to report what each route loads.
    manifest: true,
    rollupOptions: {
      output: {
        // The rules the player console shares with what it loads later (its alerts, the budget
        // check: lib/lazy.ts) go in one chunk with what they import. Left alone, the bundler
        // splits each shared module into a chunk of its own, and the phone's first download
        // grew by 1.4 KB gz of chunks; together, every route is smaller than before (scripts/build.mjs).
        manualChunks(id: string) {
          if (/core\/model\/budget\.ts|web\/src\/lib\/(drafts|countdown|refusals)\.ts|RuleText\.svelte/.test(id)) return 'shared-rules';
          // The same for what the class's screens (lib/lazy.ts, routes.ts) share with the first download.
          if (/core\/protocol\/(codes|room)\.ts|core\/bots\/names\.ts|web\/src\/lib\/score\.ts/.test(id)) return 'shared-rules';
          return undefined;
        },
      },
    },
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
