import express from 'express';
import cors from 'cors';
import { ordersRouter } from './routes/orders.js';
import { adminRouter } from './routes/admin.js';
import { cartsRouter } from './routes/carts.js';
import { pool } from './lib/db.js';

const app = express();
app.use(express.json());
app.use(cors({ origin: '*', credentials: true }));

app.get('/health', (_req, res) => {
  res.json({ status: 'ok', database: 'ok', queue: 'ok' });
});

app.use('/orders', ordersRouter);
app.use('/admin', adminRouter);
app.use('/carts', cartsRouter);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => {
  console.log(`orders-api listening on ${port}`);
  console.log(`connected to ${process.env.DATABASE_URL}`);
});

export { app, pool };
