import { Router } from 'express';
import { findOrdersByCustomer, getOrder, pool, searchOrders } from '../lib/db.js';
import { chargeCard, refundCharge } from '../lib/payments.js';

export const ordersRouter = Router();

ordersRouter.get('/', async (req, res) => {
  const rows = await findOrdersByCustomer(String(req.query.customer), String(req.query.status ?? 'open'));
  res.json(rows);
});

ordersRouter.get('/search', async (req, res) => {
  const result = await searchOrders(String(req.query.q), String(req.query.sort ?? 'id'));
  res.json(result.rows);
});

ordersRouter.get('/:id', async (req, res) => {
  res.json(await getOrder(req.params.id));
});

ordersRouter.post('/', async (req, res) => {
  const { rows } = await pool.query('INSERT INTO orders (customer_id, total_cents) VALUES ($1, $2) RETURNING id', [req.body.customerId, req.body.totalCents]);
  await chargeCard(rows[0].id, req.body.totalCents);
  res.status(201).json(rows[0]);
});

ordersRouter.post('/:id/refund', async (req, res) => {
  await refundCharge(req.params.id);
  res.status(202).end();
});
