CREATE TABLE customers (id text PRIMARY KEY, email text NOT NULL);
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
