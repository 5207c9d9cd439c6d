-- 021_pay_order_sweep.sql - the worker's look at open payment orders
-- (issue 10): when it last asked the gateway about an order, and how
-- often. An order still open after a minute is asked about until it is
-- paid or closed; a notification that never came is made good this way.
ALTER TABLE pay_orders
  ADD COLUMN queried_at DATETIME(6) NULL AFTER gateway_txn,
  ADD COLUMN queries INT NOT NULL DEFAULT 0 AFTER queried_at,
  ADD KEY pay_orders_sweep (status, queried_at);
