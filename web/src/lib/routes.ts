/**
 * The client's one route table: each screen's path (shared links carry it: the join QR, the
 * host link, the projector, share links), the props its path gives, the code and message
 * catalogues it loads on demand, and whether it takes the whole window. A new screen is one
 * entry here. Home and the player's console are in the first download (a phone that scans
 * the QR must not wait for a second one): App.svelte renders those two itself.
 */
import type { Component } from 'svelte';
import type { Part } from '../i18n/parts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = Component<any>;
type Props = Record<string, string>;

export interface RouteDef {
  name: string;
  /** The whole path (trailing slashes dropped); its groups go to `props`. */
  path: RegExp;
  props?: (groups: string[]) => Props;
  /** The screen's code on demand, with the catalogues it needs; absent for the two in the first download. */
  load?: () => Promise<{ default: AnyComponent }>;
  parts?: Part[];
  /** The projector: no site header, the whole window. */
  bare?: boolean;
}

const code = ([c]: string[]) => ({ code: c!.toUpperCase() });
const CODE = '([A-Za-z0-9]{1,12})';

export const ROUTES = [
  { name: 'home', path: /^\/$/ },
  { name: 'play', path: new RegExp(`^/play/${CODE}$`), props: code },
  { name: 'host-new', path: /^\/host$/, load: () => import('../screens/HostSetup.svelte'), parts: ['host', 'debrief'] },
  { name: 'host', path: new RegExp(`^/host/${CODE}$`), props: code, load: () => import('../screens/Host.svelte'), parts: ['host', 'debrief'] },
  { name: 'screen', path: new RegExp(`^/screen/${CODE}$`), props: code, load: () => import('../screens/Screen.svelte'), parts: ['debrief'], bare: true },
  // A class of rooms (issue 15): its console (the host key in the #fragment, as /host/CODE) and its stage.
  { name: 'class', path: new RegExp(`^/class/${CODE}$`), props: code, load: () => import('../screens/ClassConsole.svelte'), parts: ['klass'] },
  { name: 'class-screen', path: new RegExp(`^/class-screen/${CODE}$`), props: code, load: () => import('../screens/ClassStage.svelte'), parts: ['klass', 'debrief'], bare: true },
  { name: 'solo-new', path: /^\/solo$/, load: () => import('../screens/Solo.svelte'), parts: [] },
  { name: 'solo', path: new RegExp(`^/solo/${CODE}$`), props: code, load: () => import('../screens/Solo.svelte'), parts: [] },
  { name: 'archive', path: /^\/archive\/([A-Za-z0-9-]{1,64})$/, props: ([id]) => ({ id: id! }), load: () => import('../screens/Archive.svelte'), parts: ['debrief', 'host'] },
  { name: 'shared', path: /^\/shared\/([0-9a-f]{32})$/, props: ([share]) => ({ share: share! }), load: () => import('../screens/Archive.svelte'), parts: ['debrief', 'host'] },
  // A scenario's printed briefings, one page per city (the language is in the query: ?lang=zh); their words are in the host's catalogue.
  { name: 'briefings', path: /^\/briefings\/([a-z][a-z0-9-]{0,39})$/, props: ([scenario]) => ({ scenario: scenario! }), load: () => import('../screens/Briefings.svelte'), parts: ['host'] },
] as const satisfies readonly RouteDef[];

export type RouteName = (typeof ROUTES)[number]['name'] | 'not-found';

export interface Route {
  name: RouteName;
  def: RouteDef | null;
  props: Props;
  /** Changes when the screen must be made anew (another game, another record). */
  key: string;
}

export function parseRoute(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/';
  for (const def of ROUTES as readonly RouteDef[]) {
    const m = def.path.exec(p);
    if (!m) continue;
    const props = def.props ? def.props(m.slice(1)) : {};
    return { name: def.name as RouteName, def, props, key: `${def.name}:${Object.values(props).join(':')}` };
  }
  return { name: 'not-found', def: null, props: {}, key: 'not-found' };
}
