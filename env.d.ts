/**
 * Variables the Worker and the rooms read that wrangler.toml does not set, so `wrangler types`
 * cannot see them. They merge into the generated bindings (worker-configuration.d.ts, made by
 * `npm run types`); each is optional and has a default where it is read.
 */
declare namespace Cloudflare {
  interface Env {
    /** How long a room waits for the model's answer, ms (party/resolver.ts; default 20000). */
    RESOLVE_TIMEOUT_MS?: string;
    /** "1" under `npm start` and the test server: no client header is trusted (worker/client.ts). */
    ENCLAVE_LOCAL?: string;
    /** The address phones can reach (the LAN address under `npm start`), for join links and QR codes; unset when deployed (the public host is the page's own). */
    JOIN_ORIGIN?: string;
    /** Spectators one room admits (party/persons.ts; default MAX_SPECTATORS). */
    ROOM_MAX_SPECTATORS?: string;
  }
}
