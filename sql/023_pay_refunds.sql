-- 023_pay_refunds.sql - a voided online payment is refunded through its
-- gateway (issue 10, "Refunds"). The void (books_void) writes the
-- refund's request and its job in its own transaction; the worker asks
-- the gateway and records the refund when the gateway confirms it.
CREATE TABLE pay_refunds (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  order_id       BIGINT NOT NULL,
  payment_id     BIGINT NOT NULL,            -- the voided payment
  out_refund_no  VARCHAR(32) CHARACTER SET ascii NOT NULL,
  amount_fen     BIGINT NOT NULL,
  status         ENUM('requested','refunded','failed') NOT NULL DEFAULT 'requested',
  gateway_refund VARCHAR(64) NOT NULL DEFAULT '',
  error          VARCHAR(200) NOT NULL DEFAULT '',
  requested_at   DATETIME(6) NOT NULL,
  refunded_at    DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY pay_refunds_no (out_refund_no),
  UNIQUE KEY pay_refunds_payment (payment_id),
  KEY pay_refunds_order (order_id),
  CONSTRAINT pay_refunds_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT pay_refunds_order FOREIGN KEY (order_id) REFERENCES pay_orders (id),
  CONSTRAINT pay_refunds_payment FOREIGN KEY (payment_id) REFERENCES payments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
