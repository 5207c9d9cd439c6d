-- 020_pay_orders.sql - owners pay online (issue 10).
--
-- pay_accounts: an estate's merchant account at a gateway (a company may
-- have one per estate). The ids are the gateway's (WeChat mchid and
-- appid, Alipay seller_id and app_id, UnionPay merId); the keys are
-- never in the database or the tree: key_dir names a folder under the
-- configuration's pay_keys, holding our private key (merchant.pem), the
-- gateway's public key (gateway.pem) and, for WeChat, the APIv3 key
-- (apiv3.key) - see core/gw.h.
CREATE TABLE pay_accounts (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NOT NULL,
  channel       ENUM('alipay','wechat','unionpay') NOT NULL,
  merchant_id   VARCHAR(32) NOT NULL,
  app_id        VARCHAR(32) NOT NULL DEFAULT '',
  gateway_url   VARCHAR(200) NOT NULL,       -- where the pay page and the API are
  key_dir       VARCHAR(100) NOT NULL,
  created_at    DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY pay_accounts_estate (estate_id, channel),
  CONSTRAINT pay_accounts_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- pay_orders: one payment order (商户订单号 out_trade_no) an owner opened:
-- what it pays (kind, and the bills in pay_order_bills), through which
-- channel, for how much, and where it stands. An order is not money:
-- its status moves (created -> paying -> paid | closed | failed, paid ->
-- refunded); the money is the payment it made (payment_id), written by
-- books_pay in the transaction that marks it paid.
CREATE TABLE pay_orders (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NOT NULL,
  premises_id   BIGINT NOT NULL,
  owner_id      BIGINT NOT NULL,
  out_trade_no  VARCHAR(32) CHARACTER SET ascii NOT NULL,
  kind          ENUM('overdue','all','bills','prepay') NOT NULL,
  months        INT NOT NULL DEFAULT 0,          -- prepay: months paid ahead
  amount_fen    BIGINT NOT NULL,
  channel       ENUM('alipay','wechat','unionpay') NOT NULL,
  channel_sub   VARCHAR(32) NOT NULL DEFAULT '', -- e.g. instalments_6
  instalments   INT NOT NULL DEFAULT 0,          -- 0, 3, 6 or 12
  fee_payer     ENUM('','owner','estate') NOT NULL DEFAULT '',
  status        ENUM('created','paying','paid','closed','failed','refunded')
                NOT NULL DEFAULT 'created',
  opened_at     DATETIME(6) NOT NULL,            -- the pay page was opened
  created_at    DATETIME(6) NOT NULL,
  expires_at    DATETIME(6) NOT NULL,
  paid_at       DATETIME(6) NULL,                -- the confirmed notification
  payment_id    BIGINT NULL,
  gateway_txn   VARCHAR(64) NOT NULL DEFAULT '', -- the gateway's transaction id
  PRIMARY KEY (id),
  UNIQUE KEY pay_orders_otn (out_trade_no),
  UNIQUE KEY pay_orders_payment (payment_id),
  KEY pay_orders_premises (premises_id, created_at),
  KEY pay_orders_open (status, expires_at),
  CONSTRAINT pay_orders_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT pay_orders_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT pay_orders_owner FOREIGN KEY (owner_id) REFERENCES owners (id),
  CONSTRAINT pay_orders_payment FOREIGN KEY (payment_id) REFERENCES payments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The bills an order names, and what each owed when it was opened.
CREATE TABLE pay_order_bills (
  order_id      BIGINT NOT NULL,
  bill_id       BIGINT NOT NULL,
  estate_id     BIGINT NOT NULL,
  amount_fen    BIGINT NOT NULL,
  PRIMARY KEY (order_id, bill_id),
  KEY pay_order_bills_bill (bill_id),
  CONSTRAINT pay_order_bills_order FOREIGN KEY (order_id) REFERENCES pay_orders (id),
  CONSTRAINT pay_order_bills_bill FOREIGN KEY (bill_id) REFERENCES bills (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A bill held by the order paying it: one row per bill (the key), so a
-- second order for the same bill finds it taken while the first is
-- live; a hold past its order's expiry, or of an order that ended, is
-- taken over.
CREATE TABLE pay_holds (
  bill_id       BIGINT NOT NULL,
  order_id      BIGINT NOT NULL,
  estate_id     BIGINT NOT NULL,
  until         DATETIME(6) NOT NULL,
  PRIMARY KEY (bill_id),
  CONSTRAINT pay_holds_order FOREIGN KEY (order_id) REFERENCES pay_orders (id),
  CONSTRAINT pay_holds_bill FOREIGN KEY (bill_id) REFERENCES bills (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every notification a gateway sent, and what became of it: credited
-- (paid), already credited (again), or refused with why. A refused one
-- changes nothing else.
CREATE TABLE pay_notices (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NULL,
  channel       ENUM('alipay','wechat','unionpay') NOT NULL,
  out_trade_no  VARCHAR(64) NOT NULL DEFAULT '',
  notify_id     VARCHAR(128) NOT NULL DEFAULT '',
  verdict       ENUM('paid','again','refused') NOT NULL,
  why           VARCHAR(200) NOT NULL DEFAULT '',
  received_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY pay_notices_order (out_trade_no),
  KEY pay_notices_time (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
