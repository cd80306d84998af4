/**
 * The facilitator's kit (docs/kit/en.md, zh.md, es.md) as pages of the built client, so a
 * host finds it in the running game, online or on a LAN: kit/en.html and the others, served
 * by the Worker's static assets at /kit/en, /kit/zh, /kit/es (an `.html` file answers at its
 * name without the extension; wrangler.toml). Rendered once at build time with `marked`, a
 * dev dependency: none of it reaches the browser, and the pages run no script at all.
 */
import { readFileSync } from 'node:fs';
import { Marked, type Tokens } from 'marked';
import type { Plugin } from 'vite';

export const KIT_LANGS = ['en', 'zh', 'es'] as const;
export type KitLang = (typeof KIT_LANGS)[number];

/** `<html lang>`, as the client says it (web/src/lib/i18n.svelte.ts): it picks CJK fonts and hyphenation. */
const HTML_LANG: Record<KitLang, string> = { en: 'en-GB', zh: 'zh-CN', es: 'es-ES' };

const docs = (file: string) => new URL(`../../docs/kit/${file}`, import.meta.url);

/** A link between the kits as the repository writes it (`zh.md#x`), as the site serves it (`/kit/zh#x`). */
export function kitHref(href: string): string {
  const m = /^(en|zh|es)\.md(#.*)?$/.exec(href);
  return m ? `/kit/${m[1]}${m[2] ?? ''}` : href;
}

const marked = new Marked({
  gfm: true,
  walkTokens(token) {
    if (token.type === 'link') (token as Tokens.Link).href = kitHref((token as Tokens.Link).href);
  },
});

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One kit: its title (the first `# ` heading, as plain text) and the whole page. */
export function renderKit(markdown: string, lang: KitLang): { title: string; page: string } {
  const heading = /^# (.+)$/m.exec(markdown)?.[1];
  if (!heading) throw new Error(`docs/kit/${lang}.md has no "# " title`);
  const title = heading.replace(/[*_`]/g, '').trim();
  return { title, page: page(lang, title, marked.parse(markdown, { async: false })) };
}

/** A whole page: no script, one stylesheet. */
function page(lang: KitLang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${HTML_LANG[lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="stylesheet" href="/kit/kit.css">
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
}

/** `/kit`: each kit by its own title, in its own language, for a link that does not know the reader's. */
export function kitIndex(titles: Record<KitLang, string>): string {
  const items = KIT_LANGS.map((l) => `<li><a href="/kit/${l}" hreflang="${l}" lang="${HTML_LANG[l]}">${escape(titles[l])}</a></li>`).join('\n');
  return page('en', 'Enclave', `<h1>Enclave</h1>\n<ul>\n${items}\n</ul>\n`);
}

/** The Vite plugin: emits kit/en.html, zh.html, es.html, the index and kit/kit.css into the build. */
export function kitPages(): Plugin {
  return {
    name: 'enclave-kit-pages',
    apply: 'build',
    generateBundle() {
      const titles = {} as Record<KitLang, string>;
      for (const lang of KIT_LANGS) {
        const file = docs(`${lang}.md`);
        this.addWatchFile(file.pathname);
        const kit = renderKit(readFileSync(file, 'utf8'), lang);
        titles[lang] = kit.title;
        this.emitFile({ type: 'asset', fileName: `kit/${lang}.html`, source: kit.page });
      }
      this.emitFile({ type: 'asset', fileName: 'kit/index.html', source: kitIndex(titles) });
      this.emitFile({ type: 'asset', fileName: 'kit/kit.css', source: readFileSync(new URL('./kit.css', import.meta.url), 'utf8') });
    },
  };
}
