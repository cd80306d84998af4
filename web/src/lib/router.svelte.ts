/** A few client routes, in the path so links can be shared (join QR, host link). */
export type Route =
  | { name: 'home' }
  | { name: 'host'; code: string }
  | { name: 'play'; code: string }
  | { name: 'not-found' };

export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' };
  const m = /^\/(host|play)\/([A-Za-z0-9]{1,12})\/?$/.exec(path);
  if (m) return { name: m[1] as 'host' | 'play', code: m[2]!.toUpperCase() };
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
  }
}

export const router = new Router();
