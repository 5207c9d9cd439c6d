-- 045_custody.sql - vacant-unit custody (空置房托管, issue 13; DOMAIN.md
-- "Vacant units"): an agreement per vacant premises, its tasks (airing,
-- taking in parcels, inspection, meter reading) each with a schedule,
-- and each task done logged by staff with a note and photos. The
-- agreement's monthly fee is billed by the billing runs under the
-- estate's fee item billed "by agreement" (fee_items.basis), one bill per
-- premises and month like every bill (bills_once).
--
-- Bound to fee payment: an agreement's tasks are suspended while the
-- premises' arrears reach the estate's custody_suspend_months (months
-- overdue, core/arrears.c's one count) and resume when paid. Nothing
-- stores the suspension: it is computed from the ledger whenever it is
-- asked (core/custody.c), so it can never drift from the bills.

ALTER TABLE estates
  ADD COLUMN custody_suspend_months INT NOT NULL DEFAULT 3;

CREATE TABLE custody_agreements (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NOT NULL,
  premises_id   BIGINT NOT NULL,
  fee_item_id   BIGINT NOT NULL,             -- the estate's 'agreement' item
  start_period  DATE NOT NULL,               -- first month in force (day 1)
  fee_fen       BIGINT NOT NULL,             -- per month
  note          VARCHAR(500) NOT NULL DEFAULT '',
  created_by    BIGINT NOT NULL,             -- staff
  created_at    DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  -- one agreement per premises (an agreement is not ended in this
  -- version: a second one is refused)
  UNIQUE KEY custody_agreements_premises (premises_id),
  KEY custody_agreements_estate (estate_id, id),
  CONSTRAINT ca_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT ca_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT ca_item FOREIGN KEY (fee_item_id) REFERENCES fee_items (id),
  CONSTRAINT ca_staff FOREIGN KEY (created_by) REFERENCES staff (id),
  CONSTRAINT ca_fee CHECK (fee_fen > 0),
  CONSTRAINT ca_start CHECK (DAYOFMONTH(start_period) = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The agreement's tasks, one of each kind at most: every N days, weekly
-- or monthly (every_days is N for 'days', 7 for 'weekly', 0 'monthly').
CREATE TABLE custody_tasks (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NOT NULL,
  agreement_id  BIGINT NOT NULL,
  kind          ENUM('airing','parcels','inspection','meter') NOT NULL,
  schedule      ENUM('days','weekly','monthly') NOT NULL,
  every_days    INT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY custody_tasks_kind (agreement_id, kind),
  KEY custody_tasks_estate (estate_id),
  CONSTRAINT ct_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT ct_agreement FOREIGN KEY (agreement_id) REFERENCES custody_agreements (id),
  CONSTRAINT ct_every CHECK (every_days BETWEEN 0 AND 90)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each task done: when, by whom, the note. Append-only.
CREATE TABLE custody_logs (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NOT NULL,
  agreement_id  BIGINT NOT NULL,
  task_id       BIGINT NOT NULL,
  done_on       DATE NOT NULL,               -- China time
  note          VARCHAR(500) NOT NULL DEFAULT '',
  logged_by     BIGINT NOT NULL,             -- staff
  created_at    DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY custody_logs_task (task_id, done_on),
  KEY custody_logs_agreement (agreement_id, id),
  CONSTRAINT cl_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT cl_agreement FOREIGN KEY (agreement_id) REFERENCES custody_agreements (id),
  CONSTRAINT cl_task FOREIGN KEY (task_id) REFERENCES custody_tasks (id),
  CONSTRAINT cl_staff FOREIGN KEY (logged_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A log's photos (at most 6), as service_log_photos: re-encoded without
-- metadata under photo_dir, named by a random key (core/photo.h).
CREATE TABLE custody_log_photos (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NOT NULL,
  log_id      BIGINT NOT NULL,
  file_key    CHAR(32) NOT NULL,
  width       INT NOT NULL,
  height      INT NOT NULL,
  bytes       INT NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY clp_key (file_key),
  KEY clp_log (log_id, id),
  CONSTRAINT clp_log FOREIGN KEY (log_id) REFERENCES custody_logs (id),
  CONSTRAINT clp_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER //

CREATE TRIGGER custody_logs_guard_update BEFORE UPDATE ON custody_logs FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'custody_logs: never updated';
END//

CREATE TRIGGER custody_logs_guard_delete BEFORE DELETE ON custody_logs FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'custody_logs: never deleted';
END//

DELIMITER ;
