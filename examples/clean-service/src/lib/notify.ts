import { logger } from './logger.js';

/** Tells the notification hook about a new note; a slow hook never holds a request. */
export async function notifyNewNote(url: string, noteId: number): Promise<void> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ noteId }),
      signal: AbortSignal.timeout(2_000),
    });
    if (!res.ok) logger.warn({ status: res.status, noteId }, 'notify hook refused');
  } catch (err) {
    logger.warn({ err, noteId }, 'notify hook unreachable');
  }
}
