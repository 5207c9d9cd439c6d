-- 025_pay_order_cancel.sql - an owner cancels an open payment order
-- (取消订单，换一种方式支付; issue 10, a new user's trial): who closed
-- a closed order, the owner or its expiry. An order the owner closed is
-- still asked about at its gateway until its expiry has passed (the
-- signed request the browser holds may be sent until then: a payment
-- that comes anyway is credited once, never lost).
ALTER TABLE pay_orders
  ADD COLUMN closed_by ENUM('','expiry','owner') NOT NULL DEFAULT '' AFTER status,
  ADD COLUMN closed_at DATETIME(6) NULL AFTER closed_by;
