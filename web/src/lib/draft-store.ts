/** A seat's last edits kept on the device until the room has them (see drafts.ts). */
import type { StoredDraft } from './draft-sync';

export type { StoredDraft } from './draft-sync';

const draftKey = (code: string, city: string) => `enclave:draft:${code}:${city}`;

export function loadDraft(code: string, city: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(draftKey(code, city));
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
}

export function storeDraft(code: string, city: string, draft: StoredDraft): void {
  try {
    localStorage.setItem(draftKey(code, city), JSON.stringify(draft));
  } catch {
    // Private mode or full storage: the room still has what was sent.
  }
}
