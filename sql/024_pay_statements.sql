-- 024_pay_statements.sql - each gateway's daily statement (对账单),
-- matched against the ledger (issue 10, "Reconciliation").
--
-- pay_statements: one merchant account's statement of one day (China
-- time), asked for by the worker's schedule each morning or by a
-- manager; what its matching found, in counts. Not money: it is
-- rewritten when the day is reconciled again.
CREATE TABLE pay_statements (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NOT NULL,
  account_id    BIGINT NOT NULL,
  channel       ENUM('alipay','wechat','unionpay') NOT NULL,
  bill_date     DATE NOT NULL,
  status        ENUM('waiting','done','failed') NOT NULL DEFAULT 'waiting',
  error         VARCHAR(200) NOT NULL DEFAULT '',
  asked_at      DATETIME(6) NOT NULL,
  asked_by      BIGINT NULL,                     -- staff.id; NULL: the schedule
  done_at       DATETIME(6) NULL,
  pay_count     INT NOT NULL DEFAULT 0,          -- the gateway's lines
  pay_fen       BIGINT NOT NULL DEFAULT 0,
  refund_count  INT NOT NULL DEFAULT 0,
  refund_fen    BIGINT NOT NULL DEFAULT 0,
  matched       INT NOT NULL DEFAULT 0,
  credited      INT NOT NULL DEFAULT 0,
  gateway_only  INT NOT NULL DEFAULT 0,
  ledger_only   INT NOT NULL DEFAULT 0,
  differs       INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY pay_statements_day (account_id, bill_date),
  KEY pay_statements_estate (estate_id, bill_date),
  CONSTRAINT pay_statements_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT pay_statements_account FOREIGN KEY (account_id) REFERENCES pay_accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One line of a reconciled statement: a payment or refund the gateway
-- listed, or one the ledger has for that day and the gateway did not,
-- and what matching found:
--   matched       both have it, for the same amount
--   credited      only the gateway had it; this reconciliation credited
--                 the order, once (payment_id)
--   gateway_only  only the gateway has it and it could not be credited
--                 (no such order of this account, a refund not yet
--                 confirmed here): for a manager to look into
--   ledger_only   only the ledger has it
--   differs       both have it, for different amounts
CREATE TABLE pay_statement_lines (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  statement_id  BIGINT NOT NULL,
  estate_id     BIGINT NOT NULL,
  kind          ENUM('pay','refund') NOT NULL,
  out_trade_no  VARCHAR(64) NOT NULL DEFAULT '',
  out_refund_no VARCHAR(64) NOT NULL DEFAULT '',
  gateway_txn   VARCHAR(64) NOT NULL DEFAULT '',
  gateway_fen   BIGINT NULL,                     -- NULL: not in the statement
  ledger_fen    BIGINT NULL,                     -- NULL: not in the ledger
  at            VARCHAR(19) NOT NULL DEFAULT '', -- the gateway's time, or ours
  result        ENUM('matched','credited','gateway_only','ledger_only','differs')
                NOT NULL,
  order_id      BIGINT NULL,
  payment_id    BIGINT NULL,
  PRIMARY KEY (id),
  KEY pay_statement_lines_statement (statement_id, result),
  KEY pay_statement_lines_otn (out_trade_no),
  CONSTRAINT pay_statement_lines_statement FOREIGN KEY (statement_id)
    REFERENCES pay_statements (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each time a statement is asked for (the schedule, or a manager's 重新对账):
-- the worker's "payorder.statement" job works on one of these (a job is
-- queued once per record).
CREATE TABLE pay_statement_runs (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  statement_id  BIGINT NOT NULL,
  estate_id     BIGINT NOT NULL,
  asked_at      DATETIME(6) NOT NULL,
  asked_by      BIGINT NULL,
  PRIMARY KEY (id),
  KEY pay_statement_runs_statement (statement_id),
  CONSTRAINT pay_statement_runs_statement FOREIGN KEY (statement_id)
    REFERENCES pay_statements (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
