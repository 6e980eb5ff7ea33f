ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD COLUMN currency text NOT NULL;
CREATE INDEX orders_customer_idx ON orders (customer_id);
