import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { z } from 'zod';
import type pg from 'pg';
import { createNote, listNotes } from '../lib/db.js';
import { notifyNewNote } from '../lib/notify.js';

const NewNote = z.object({ body: z.string().min(1).max(10_000) });

export function notesRoutes(pool: pg.Pool, token: string, notifyUrl: string): Hono {
  const notes = new Hono();
  notes.use('*', bearerAuth({ token }));

  notes.get('/', async (c) => {
    const limit = Math.min(Number(c.req.query('limit') ?? 50), 100);
    return c.json(await listNotes(pool, 'default', limit));
  });

  notes.post('/', async (c) => {
    const parsed = NewNote.safeParse(await c.req.json());
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
    const note = await createNote(pool, 'default', parsed.data.body);
    void notifyNewNote(notifyUrl, note.id);
    return c.json(note, 201);
  });

  return notes;
}
