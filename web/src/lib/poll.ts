/**
 * Ask something again and again, politely: the next ask waits for the last answer plus
 * `ms` (a slow server is never asked twice at once, no tight loop), and a hidden tab stops
 * asking until it is shown again (then it asks at once). Returns the way to stop.
 */
/** What the poll reads of the page (typed here: the tests read this module without the DOM's types). */
export interface Visibility {
  hidden: boolean;
  addEventListener(type: 'visibilitychange', f: () => void): void;
  removeEventListener(type: 'visibilitychange', f: () => void): void;
}

export function poll(ms: number, ask: () => Promise<unknown>, doc: Visibility = (globalThis as unknown as { document: Visibility }).document): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let stopped = false;
  const run = async () => {
    timer = null;
    if (stopped || running || doc.hidden) return;
    running = true;
    try {
      await ask();
    } catch {
      // The caller shows its own failures; the next ask may succeed.
    } finally {
      running = false;
    }
    if (!stopped && !doc.hidden) timer = setTimeout(run, ms);
  };
  const shown = () => {
    if (!doc.hidden && timer === null && !running) void run();
  };
  doc.addEventListener('visibilitychange', shown);
  void run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    doc.removeEventListener('visibilitychange', shown);
  };
}
