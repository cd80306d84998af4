// Integration tests run against the real built client, as `npm start` serves it, with its headers.
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const at = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default async function setup(): Promise<void> {
  await build({ configFile: at('web/vite.config.ts'), logLevel: 'error' });
  copyFileSync(at('scripts/_headers'), at('dist/client/_headers'));
}
