/** The message catalogues, one per part of the client (lib/i18n.svelte.ts loads them on demand). */
export type Part = 'main' | 'host' | 'debrief' | 'player' | 'refusals' | 'klass';
