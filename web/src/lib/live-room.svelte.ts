/**
 * What every live screen (player, host, projector) holds of a room: the connection, made
 * and closed with the screen; the scenario it plays; the room's language applied unless the
 * person chose their own; names for its places in the reader's language.
 */
import type { RoomView } from '../../../core/protocol/room';
import type { Scenario } from '../../../core/scenarios/schema';
import { i18n } from './i18n.svelte';
import { RoomConnection, type RoomHooks } from './room.svelte';
import { scenario as loadScenario, placeNamer } from './scenarios';

export class LiveRoom {
  conn = $state.raw<RoomConnection | null>(null);
  scenario = $state.raw<Scenario | null>(null);
  /**
   * The room's view once its scenario has loaded too: until then a screen would show a
   * place's id ("hillton") where its name belongs, so screens wait for both.
   */
  view = $derived<RoomView | null>(this.scenario ? (this.conn?.view ?? null) : null);
  name = $derived(placeNamer(this.scenario, i18n.lang, i18n.main));

  /** Call while a component initialises: the effects live as long as it does. */
  constructor(code: () => string, token: () => string | null, hooks: RoomHooks = {}) {
    $effect(() => {
      const c = new RoomConnection(code(), token(), hooks);
      this.conn = c;
      return () => c.close();
    });
    $effect(() => {
      const id = this.conn?.view?.scenario;
      if (!id) return;
      // A failed fetch (a phone's network blinking) is tried again, or the screen would wait forever.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const load = () =>
        loadScenario(id).then(
          (s) => (this.scenario = s),
          () => (timer = setTimeout(load, 2000)),
        );
      void load();
      return () => clearTimeout(timer);
    });
    $effect(() => {
      const lang = this.conn?.view?.language;
      if (lang) i18n.room(lang);
    });
  }
}

/** Where the game stands, in words: lobby, round n of N, resolving, its results, over. */
export function phaseLabel(view: RoomView, lobby: string = i18n.main.phase.lobby): string {
  const p = i18n.main.phase;
  if (view.phase === 'lobby') return lobby;
  if (view.phase === 'finished') return p.finished;
  if (view.phase === 'resolving') return p.resolving(view.round);
  if (view.practice) return view.phase === 'review' ? p.practiceReview : p.practice;
  if (view.phase === 'review') return p.review(view.round, view.rounds);
  return p.playing(view.round, view.rounds);
}
