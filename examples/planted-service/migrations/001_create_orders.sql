CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id text NOT NULL,
  status text NOT NULL DEFAULT 'open',
  total_cents integer NOT NULL,
  created_at timestamp NOT NULL DEFAULT now()
);
