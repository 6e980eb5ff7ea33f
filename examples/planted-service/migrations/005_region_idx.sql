SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY orders_region_idx ON orders (region);
