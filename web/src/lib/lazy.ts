/**
 * Screens loaded on demand (code-split): a phone that joins a game never downloads the host
 * console, the projector or the debrief's charts. Each loader also loads the screen's
 * messages, and is made once: a language switch never re-mounts a screen.
 */
import { untrack, type Component } from 'svelte';
import { i18n, type Part } from './i18n.svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = Component<any>;

function once(load: () => Promise<{ default: AnyComponent }>, parts: Part[]): () => Promise<AnyComponent> {
  let p: Promise<AnyComponent> | null = null;
  return () =>
    untrack(() => {
      p ??= Promise.all([load(), ...parts.map((x) => i18n.need(x))]).then(([m]) => m.default);
      p.catch(() => (p = null));
      return p;
    });
}

export const lazy = {
  hostSetup: once(() => import('../screens/HostSetup.svelte'), ['host', 'debrief']),
  host: once(() => import('../screens/Host.svelte'), ['host', 'debrief']),
  screen: once(() => import('../screens/Screen.svelte'), ['debrief']),
  solo: once(() => import('../screens/Solo.svelte'), []),
  archive: once(() => import('../screens/Archive.svelte'), ['debrief', 'host']),
  // Printed briefings: their words are in the host's catalogue (a host prints them).
  briefings: once(() => import('../screens/Briefings.svelte'), ['host']),
  debrief: once(() => import('../components/debrief/Debrief.svelte'), ['debrief']),
  // A city's briefing on its console: the printed card's words are in the host's catalogue.
  yourBriefing: once(() => import('../components/player/YourBriefing.svelte'), ['host']),
  // The deal form comes a moment after the player's console: the console shows first.
  dealForm: once(() => import('../components/player/DealForm.svelte'), []),
};
