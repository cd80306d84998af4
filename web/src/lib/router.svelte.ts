/** Where the client is: the path, parsed by the route table (routes.ts). */
import { parseRoute } from './routes';

export { parseRoute, type Route } from './routes';

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
