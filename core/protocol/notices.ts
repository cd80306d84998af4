/**
 * What the room tells the host (party/room.ts `withNotice`), as a code and its arguments, so
 * each client says it in its reader's language with the cities' names (city ids are
 * arguments, never words). Each notice also carries the English sentence (`text`): a client
 * that does not know a code, and a client from before codes, still reads it.
 *
 * A room stored before codes holds plain sentences; the host's view shows such a sentence
 * as a notice with no code (`NoticeView`).
 */

/** Each code's arguments. `error` is the system's own English (a resolver or database error), shown as it is. */
export interface NoticeArgs {
  /** Cities whose shared drafts were played as if submitted when the round closed. */
  'drafts-taken': { round: number; cities: string[] };
  /** Cities whose drafts broke a budget or land rule at the close, so they played no action. */
  'drafts-unusable': { round: number; cities: string[] };
  /** The model refused the round's inputs: the host plays it again or ends the game. */
  'round-refused': { round: number; error: string };
  /** A resolver call failed and is retried in `seconds`. */
  'round-retry': { round: number; attempt: number; error: string; seconds: number };
  /** The host opened a refused round again. */
  'round-reopened': { round: number };
  /** A refused round ended the game unplayed, after `resolved` rounds. */
  'round-dropped': { round: number; resolved: number };
  /** The archive did not take the record; the room tries again in `seconds`. */
  'archive-retry': { error: string; seconds: number };
}

export type NoticeCode = keyof NoticeArgs;

export const NOTICE_CODES = [
  'drafts-taken',
  'drafts-unusable',
  'round-refused',
  'round-retry',
  'round-reopened',
  'round-dropped',
  'archive-retry',
] as const satisfies readonly NoticeCode[];

export type Notice = { [C in NoticeCode]: { code: C; args: NoticeArgs[C]; text: string } }[NoticeCode];

/** A notice as the room keeps it: coded, or a plain sentence from a room stored before codes. */
export type StoredNotice = Notice | string;

/** A notice in the host's view: coded, or (from a room stored before codes) only its English sentence. */
export type NoticeView = Notice | { code: null; args: null; text: string };

/** The English sentence of each code: the fallback every client can read. */
const ENGLISH: { [C in NoticeCode]: (a: NoticeArgs[C]) => string } = {
  'drafts-taken': (a) => `Round ${a.round}: drafts taken as submitted for ${a.cities.join(', ')}.`,
  'drafts-unusable': (a) => `Round ${a.round}: the drafts of ${a.cities.join(', ')} broke a budget or land rule, so they take no action.`,
  'round-refused': (a) =>
    `Round ${a.round} cannot be resolved: the model refuses it (${a.error}). Play the round again or end the game; what was submitted is kept.`,
  'round-retry': (a) => `Round ${a.round}: resolution attempt ${a.attempt} failed (${a.error}). Retrying in ${a.seconds} s; no decision is lost.`,
  'round-reopened': (a) => `Round ${a.round} is open again: submissions are back as drafts, and deals signed in it wait to be accepted again.`,
  'round-dropped': (a) =>
    `Round ${a.round} was not played: the model refused it, and the game ended with ${a.resolved} resolved round${a.resolved === 1 ? '' : 's'}.`,
  'archive-retry': (a) => `The archive did not take the game record (${a.error}). The room keeps it and tries again in ${a.seconds} s.`,
};

/** A notice with its English sentence. */
export function notice<C extends NoticeCode>(code: C, args: NoticeArgs[C]): Notice {
  return { code, args, text: ENGLISH[code](args) } as Notice;
}

/** The English sentence of a stored notice, coded or not. */
export const noticeText = (n: StoredNotice): string => (typeof n === 'string' ? n : n.text);

/** A stored notice as the host's view carries it: a plain sentence becomes a notice with no code. */
export const noticeView = (n: StoredNotice): NoticeView => (typeof n === 'string' ? { code: null, args: null, text: n } : n);
