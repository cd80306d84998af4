/** A seat's last edits kept on the device until the room has them (see drafts.ts). */
import type { Decisions } from '../../../core/protocol/decisions';

// Kept on the device: the last edits of a seat, and whether the room has them.
export interface StoredDraft {
  round: number;
  decisions: Decisions;
  /** False while the room has not received these edits. */
  synced: boolean;
}

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
