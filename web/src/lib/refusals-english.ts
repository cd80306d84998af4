/**
 * What the browser's build uses for core/protocol/refusals-english.ts (web/vite.config.ts):
 * the browser says refusals from its catalogues (web/src/i18n/refusals), so the English
 * sentences stay on the server. A refusal the browser makes itself (the model's checks, a
 * form's schema) carries its code as `rule`; refusals from the room and the API carry the
 * server's English as always.
 */
export const englishOf = (code: string, _args?: unknown): string => code;
