-- 003_money_flow.sql - billing runs, meter readings, waivers, receipts'
-- voids and prints, door-to-door visits, prepaid balances, service credits.

-- A rate is never edited: a correction for the same period is a new row,
-- and the newest row for a period wins.
ALTER TABLE fee_rates
  DROP INDEX fee_rates_from,
  ADD KEY fee_rates_lookup (fee_item_id, occupancy, from_period, id);

-- What an hour of community activity is worth (服务置换), per estate.
ALTER TABLE estates
  ADD COLUMN credit_hour_fen BIGINT NOT NULL DEFAULT 2000 AFTER tier_green_months;

-- Where an allocation came from: the payment itself, a later bill taking
-- the payment's prepaid remainder, or the reversal of a voided payment.
ALTER TABLE allocations
  ADD COLUMN source ENUM('payment','prepaid','reversal') NOT NULL DEFAULT 'payment'
  AFTER amount_fen;

-- Payments that still hold unallocated money (a prepaid balance). An index
-- of work to do, not a money record: rows leave when the money is used.
CREATE TABLE prepaid_open (
  payment_id   BIGINT NOT NULL,
  estate_id    BIGINT NOT NULL,
  premises_id  BIGINT NOT NULL,
  PRIMARY KEY (payment_id),
  KEY prepaid_open_premises (estate_id, premises_id),
  CONSTRAINT prepaid_open_payment FOREIGN KEY (payment_id) REFERENCES payments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE billing_runs (
  id                   BIGINT NOT NULL AUTO_INCREMENT,
  estate_id            BIGINT NOT NULL,
  period_start         DATE NOT NULL,
  status               ENUM('queued','running','done','failed') NOT NULL DEFAULT 'queued',
  requested_by         BIGINT NOT NULL,
  requested_at         DATETIME NOT NULL,
  started_at           DATETIME NULL,
  finished_at          DATETIME NULL,
  premises_total       INT NOT NULL DEFAULT 0,
  premises_done        INT NOT NULL DEFAULT 0,
  bills_made           INT NOT NULL DEFAULT 0,
  amount_fen           BIGINT NOT NULL DEFAULT 0,
  prepaid_applied_fen  BIGINT NOT NULL DEFAULT 0,
  error                VARCHAR(200) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY billing_runs_estate (estate_id, period_start),
  KEY billing_runs_status (status),
  CONSTRAINT billing_runs_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE meter_readings (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NOT NULL,
  premises_id   BIGINT NOT NULL,
  fee_item_id   BIGINT NOT NULL,
  period_start  DATE NOT NULL,
  prev_x100     BIGINT NOT NULL,
  curr_x100     BIGINT NOT NULL,
  source        ENUM('form','csv') NOT NULL,
  entered_by    BIGINT NOT NULL,
  entered_at    DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY meter_readings_once (premises_id, fee_item_id, period_start),
  KEY meter_readings_period (estate_id, period_start),
  CONSTRAINT meter_readings_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT meter_readings_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT meter_readings_item FOREIGN KEY (fee_item_id) REFERENCES fee_items (id),
  CONSTRAINT meter_readings_order CHECK (curr_x100 >= prev_x100 AND prev_x100 >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A manager forgives what is left of a bill, with a reason.
CREATE TABLE waivers (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  bill_id      BIGINT NOT NULL,
  amount_fen   BIGINT NOT NULL,
  reason       VARCHAR(200) NOT NULL,
  approved_by  BIGINT NOT NULL,
  created_at   DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY waivers_bill (bill_id),
  KEY waivers_estate (estate_id, created_at),
  CONSTRAINT waivers_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT waivers_bill FOREIGN KEY (bill_id) REFERENCES bills (id),
  CONSTRAINT waivers_by FOREIGN KEY (approved_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A voided receipt keeps its number; its payment is reversed by a new
-- payment row (negative amount) that this row names.
CREATE TABLE receipt_voids (
  receipt_id           BIGINT NOT NULL,
  estate_id            BIGINT NOT NULL,
  reason               VARCHAR(200) NOT NULL,
  approved_by          BIGINT NOT NULL,
  reversal_payment_id  BIGINT NOT NULL,
  voided_at            DATETIME NOT NULL,
  PRIMARY KEY (receipt_id),
  UNIQUE KEY receipt_voids_reversal (reversal_payment_id),
  KEY receipt_voids_estate (estate_id, voided_at),
  CONSTRAINT receipt_voids_receipt FOREIGN KEY (receipt_id) REFERENCES receipts (id),
  CONSTRAINT receipt_voids_reversal FOREIGN KEY (reversal_payment_id) REFERENCES payments (id),
  CONSTRAINT receipt_voids_by FOREIGN KEY (approved_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every time a receipt is printed or downloaded; all but the first are
-- marked as copies.
CREATE TABLE receipt_prints (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NOT NULL,
  receipt_id  BIGINT NOT NULL,
  by_kind     ENUM('owner','staff') NOT NULL,
  by_id       BIGINT NOT NULL,
  printed_at  DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY receipt_prints_receipt (receipt_id),
  CONSTRAINT receipt_prints_receipt FOREIGN KEY (receipt_id) REFERENCES receipts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Door-to-door POS collection (上门POS): the visit behind a payment.
CREATE TABLE door_visits (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  premises_id    BIGINT NOT NULL,
  collector_id   BIGINT NOT NULL,
  visited_on     DATE NOT NULL,
  owner_over_80  TINYINT(1) NOT NULL,
  payment_id     BIGINT NULL,
  created_at     DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY door_visits_payment (payment_id),
  KEY door_visits_estate (estate_id, visited_on),
  CONSTRAINT door_visits_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT door_visits_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT door_visits_collector FOREIGN KEY (collector_id) REFERENCES staff (id),
  CONSTRAINT door_visits_payment FOREIGN KEY (payment_id) REFERENCES payments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Service-exchange credits (服务置换): hours of community activity that,
-- once a manager approves, pay bills as a payment of their own.
CREATE TABLE service_credits (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  premises_id    BIGINT NOT NULL,
  owner_id       BIGINT NOT NULL,
  activity_date  DATE NOT NULL,
  activity       VARCHAR(100) NOT NULL,
  hours_x100     INT NOT NULL,
  note           VARCHAR(500) NOT NULL DEFAULT '',
  status         ENUM('pending','approved','rejected') NOT NULL DEFAULT 'pending',
  logged_by      BIGINT NOT NULL,
  logged_at      DATETIME NOT NULL,
  decided_by     BIGINT NULL,
  decided_at     DATETIME NULL,
  decision_note  VARCHAR(200) NOT NULL DEFAULT '',
  amount_fen     BIGINT NULL,
  payment_id     BIGINT NULL,
  PRIMARY KEY (id),
  KEY service_credits_estate (estate_id, status),
  KEY service_credits_owner (owner_id),
  KEY service_credits_premises (premises_id),
  CONSTRAINT service_credits_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT service_credits_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT service_credits_owner FOREIGN KEY (owner_id) REFERENCES owners (id),
  CONSTRAINT service_credits_payment FOREIGN KEY (payment_id) REFERENCES payments (id),
  CONSTRAINT service_credits_hours CHECK (hours_x100 > 0 AND hours_x100 <= 2400)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER //

CREATE TRIGGER waivers_guard_update BEFORE UPDATE ON waivers FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'waivers: never updated';
END//

CREATE TRIGGER waivers_guard_delete BEFORE DELETE ON waivers FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'waivers: never deleted';
END//

CREATE TRIGGER receipt_voids_guard_update BEFORE UPDATE ON receipt_voids FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'receipt_voids: never updated';
END//

CREATE TRIGGER receipt_voids_guard_delete BEFORE DELETE ON receipt_voids FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'receipt_voids: never deleted';
END//

-- A credit's amount is set once, when it is approved, and never changed.
CREATE TRIGGER service_credits_guard_update BEFORE UPDATE ON service_credits FOR EACH ROW
BEGIN
  IF OLD.amount_fen IS NOT NULL AND (NEW.amount_fen IS NULL OR NEW.amount_fen <> OLD.amount_fen
     OR NEW.payment_id IS NULL OR NEW.payment_id <> OLD.payment_id) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'service_credits: amounts are never rewritten';
  END IF;
END//

CREATE TRIGGER service_credits_guard_delete BEFORE DELETE ON service_credits FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'service_credits: never deleted';
END//

DELIMITER ;

-- The bills a billing run made.
ALTER TABLE bills ADD KEY bills_run (run_id);
