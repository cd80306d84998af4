/**
 * Screens loaded on demand (code-split): a phone that joins a game never downloads the host
 * console, the projector or the debrief's charts. Each loader also loads the screen's
 * messages, and is made once: a language switch never re-mounts a screen.
 */
import { untrack, type Component } from 'svelte';
import { i18n, type Part } from './i18n.svelte';
import type { RouteDef } from './routes';

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

const screens = new Map<string, () => Promise<AnyComponent>>();
/** A route's screen (routes.ts), with its messages, loaded once. */
export function screenOf(def: RouteDef): () => Promise<AnyComponent> {
  let load = screens.get(def.name);
  if (!load) screens.set(def.name, (load = once(def.load!, def.parts ?? [])));
  return load;
}

export const lazy = {
  debrief: once(() => import('../components/debrief/Debrief.svelte'), ['debrief']),
  // A city's briefing on its console: the printed card's words are in the host's catalogue.
  yourBriefing: once(() => import('../components/player/YourBriefing.svelte'), ['host']),
  // The deal form comes a moment after the player's console: the console shows first.
  dealForm: once(() => import('../components/player/DealForm.svelte'), []),
  // The player's alerts (web/src/lib/alerts.ts) come with the deal form, a moment after the
  // console; the budget check runs the round's first steps (core/model/spending.ts). Both
  // bring their messages (i18n/player), so neither is in the phone's first download. Alerts
  // also wait for the refusal sentences: an alert that says why never shows without its why.
  alerts: once(() => import('../components/player/Alerts.svelte'), ['player', 'refusals']),
  budgetCheck: once(() => import('../components/player/BudgetCheck.svelte'), ['player']),
  // A class of rooms (issue 15): its words are their own part, loaded only where a class shows.
  classSetup: once(() => import('../components/klass/ClassSetup.svelte'), ['klass']),
  classJoin: once(() => import('../components/klass/ClassJoin.svelte'), ['klass']),
  classPlace: once(() => import('../components/klass/ClassPlace.svelte'), ['klass']),
  // The comparison debrief says its facts with the debrief's sentences.
  classComparison: once(() => import('../components/klass/ClassComparison.svelte'), ['klass', 'debrief']),
};
