-- 027_pay_order_txn.sql - staff look a payment up by the gateway's
-- transaction number (issue 10: the receipt register's 单号, what an
-- owner quotes from the Alipay, WeChat or UnionPay app): one index
-- lookup, as the receipt number and out_trade_no already are.
ALTER TABLE pay_orders
  ADD KEY pay_orders_txn (gateway_txn);
