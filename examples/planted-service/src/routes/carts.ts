import { Router } from 'express';

const carts = new Map<string, string[]>();

export const cartsRouter = Router();

cartsRouter.post('/:id/items', (req, res) => {
  const items = carts.get(req.params.id) ?? [];
  items.push(String(req.body.sku));
  carts.set(req.params.id, items);
  res.status(201).json(items);
});
