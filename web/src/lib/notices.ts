/**
 * A host notice in the reader's language (core/protocol/notices.ts): its code's message with
 * the cities' display names, listed the language's way. The system's own error (a resolver
 * or database message) stays in English beside it. A notice with no code (a room stored
 * before codes) or with a code this client does not know is its English sentence.
 */
import type { NoticeView } from '../../../core/protocol/notices';
import type { HostMessages } from '../i18n/host/en';

export interface NoticeWords {
  /** The sentence, in the reader's language unless `english`. */
  text: string;
  /** Set when the sentence is the server's English fallback (mark it lang="en"). */
  english: boolean;
  /** The system's error, in English, shown after the sentence; null if none. */
  error: string | null;
}

export function noticeWords(
  n: NoticeView,
  words: HostMessages['notice'],
  name: (city: string) => string,
  list: (items: readonly string[]) => string,
): NoticeWords {
  const said = (text: string, error: string | null = null): NoticeWords => ({ text, english: false, error });
  const cities = (ids: readonly string[]) => list(ids.map(name));
  // `hasOwn`: a code from a newer server is not a key of this client's catalogue.
  if (n.code === null || !Object.hasOwn(words, n.code)) return { text: n.text, english: true, error: null };
  switch (n.code) {
    case 'drafts-taken':
      return said(words['drafts-taken'](n.args.round, cities(n.args.cities)));
    case 'drafts-unusable':
      return said(words['drafts-unusable'](n.args.round, cities(n.args.cities)));
    case 'round-refused':
      return said(words['round-refused'](n.args.round), n.args.error);
    case 'round-retry':
      return said(words['round-retry'](n.args.round, n.args.attempt, n.args.seconds), n.args.error);
    case 'round-reopened':
      return said(words['round-reopened'](n.args.round));
    case 'round-dropped':
      return said(words['round-dropped'](n.args.round, n.args.resolved));
    case 'archive-retry':
      return said(words['archive-retry'](n.args.seconds), n.args.error);
  }
}
