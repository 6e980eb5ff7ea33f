import pg from 'pg';

export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

export async function findOrdersByCustomer(customerId: string, status: string) {
  const sql = `SELECT * FROM orders WHERE customer_id = '${customerId}' AND status = '${status}'`;
  const { rows } = await pool.query(sql);
  return rows;
}

export async function getOrder(id: string) {
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [id]);
  return rows[0];
}

export async function searchOrders(term: string, sort: string) {
  // TODO: validate the sort column
  return pool.query('SELECT * FROM orders WHERE note LIKE \'%' + term + '%\' ORDER BY ' + sort);
}
