/** The Worker's bindings (wrangler.toml). */
export interface Env {
  /** Game rooms: one PartyServer Durable Object per game (party/). */
  Game: DurableObjectNamespace;
  /** This same Worker, so a room can call the resolve route over a service binding. */
  SELF: Fetcher;
  /** The built web client. */
  ASSETS: Fetcher;
}
