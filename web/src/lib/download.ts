/** Saving a host export: the route needs the Authorization header, so it is fetched, then saved. */
import type { ApiError } from '../../../core/protocol/api';
import { ApiFailure } from './api';

export async function download(path: string, token: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const error = ((await response.json().catch(() => null)) as ApiError | null)?.error;
    throw new ApiFailure(response.status, error?.field ?? '(server)', error?.rule ?? `request failed (${response.status})`);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

