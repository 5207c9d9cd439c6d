-- 026_pay_order_close.sql - how an order closed here stands at its
-- gateway (issue 10, the trial helpers' findings).
--
-- payable_until: an order closed here that its gateway may still take
-- money for until then. Alipay answers the close of a trade its buyer
-- has not opened yet with ACQ.TRADE_NOT_EXIST, yet the signed page-pay
-- request the browser holds opens it until its time_expire; UnionPay
-- has no close of an unpaid consume (its payTimeout ends it). Such an
-- order is still asked about until a minute past then, and its owner is
-- told not to pay on the old page. NULL: closed at the gateway too.
--
-- closed_by 'settled': closed because every bill it named was paid
-- another way (the counter took cash while the owner paid on a phone).
ALTER TABLE pay_orders
  MODIFY closed_by ENUM('','expiry','owner','settled') NOT NULL DEFAULT '',
  ADD COLUMN payable_until DATETIME(6) NULL AFTER closed_at;
UPDATE pay_orders SET payable_until = expires_at
  WHERE status = 'closed' AND closed_by = 'owner';
