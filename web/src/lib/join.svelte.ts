/**
 * The join link phones scan (the QR on the stage and the host console). A page opened on
 * localhost would hand phones an address they cannot reach, so there the server's
 * `joinOrigin` (the LAN address `npm start` found) is used; a page opened on any other
 * address (the LAN one, or the public host when deployed) is reachable as it is.
 */
import { health } from './api';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The origin to put in join links, given the page's location and what the server reported. */
export function joinOrigin(page: { origin: string; hostname: string }, reported: string | null): string {
  return LOOPBACK.test(page.hostname) && reported ? reported : page.origin;
}

class JoinLink {
  /** The server's reported origin, once known (null until then, or when it has none). */
  reported = $state<string | null>(null);
  #asked = false;

  /** The join URL for a room; asks the server once, the first time it is needed on loopback. */
  url(code: string): string {
    if (!this.#asked && LOOPBACK.test(location.hostname)) {
      this.#asked = true;
      health()
        .then((h) => (this.reported = h.joinOrigin))
        .catch(() => {});
    }
    return `${joinOrigin(location, this.reported)}/play/${code}`;
  }
}

export const joinLink = new JoinLink();
