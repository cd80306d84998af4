/** Client routes, in the path so links can be shared (join QR, host link, projector, share links). */
export type Route =
  | { name: 'home' }
  | { name: 'play'; code: string }
  | { name: 'host-new' }
  | { name: 'host'; code: string }
  | { name: 'screen'; code: string }
  | { name: 'solo-new' }
  | { name: 'solo'; code: string }
  | { name: 'archive'; id: string }
  | { name: 'shared'; token: string }
  /** A scenario's printed briefings, one page per city (the language is in the query: ?lang=zh). */
  | { name: 'briefings'; scenario: string }
  | { name: 'not-found' };

export function parseRoute(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/') return { name: 'home' };
  if (p === '/host') return { name: 'host-new' };
  if (p === '/solo') return { name: 'solo-new' };
  let m = /^\/(host|play|screen|solo)\/([A-Za-z0-9]{1,12})$/.exec(p);
  if (m) return { name: m[1] as 'host' | 'play' | 'screen' | 'solo', code: m[2]!.toUpperCase() };
  m = /^\/archive\/([A-Za-z0-9-]{1,64})$/.exec(p);
  if (m) return { name: 'archive', id: m[1]! };
  m = /^\/shared\/([0-9a-f]{32})$/.exec(p);
  if (m) return { name: 'shared', token: m[1]! };
  m = /^\/briefings\/([a-z][a-z0-9-]{0,39})$/.exec(p);
  if (m) return { name: 'briefings', scenario: m[1]! };
  return { name: 'not-found' };
}

class Router {
  path = $state(location.pathname);
  route = $derived(parseRoute(this.path));

  constructor() {
    addEventListener('popstate', () => (this.path = location.pathname));
  }

  go(to: string): void {
    history.pushState(null, '', to);
    this.path = location.pathname;
    scrollTo(0, 0);
  }
}

export const router = new Router();

/** A same-page link: keeps the app loaded (ctrl/middle click still opens a new tab). */
export function navigate(event: MouseEvent): void {
  const a = event.currentTarget as HTMLAnchorElement;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || a.target) return;
  event.preventDefault();
  router.go(a.getAttribute('href')!);
}
