import pg from 'pg';

export function createPool(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString, max: 10, statement_timeout: 5_000 });
}

export interface Note {
  id: number;
  owner: string;
  body: string;
}

export async function listNotes(pool: pg.Pool, owner: string, limit: number): Promise<Note[]> {
  const { rows } = await pool.query<Note>('SELECT id, owner, body FROM notes WHERE owner = $1 ORDER BY id DESC LIMIT $2', [owner, limit]);
  return rows;
}

export async function createNote(pool: pg.Pool, owner: string, body: string): Promise<Note> {
  const { rows } = await pool.query<Note>('INSERT INTO notes (owner, body) VALUES ($1, $2) RETURNING id, owner, body', [owner, body]);
  return rows[0];
}

export async function ping(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ ok: number }>('SELECT 1 AS ok');
  return rows[0]?.ok === 1;
}
