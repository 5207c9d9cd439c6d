-- 041_deferrals.sql - hardship deferral (缓交申请, issue 13; DOMAIN.md
-- "Hardship"): an owner applies in the portal, or staff log it for them,
-- for some of the household's open bills and a number of months; a
-- manager approves or rejects it with a reason.
--
-- Approving it writes one bill_due_dates row per bill it covers: the
-- bill's due date from then on is the deferral's end (a bill's own
-- due_date is never edited). While it lasts (starts_on <= day <
-- ends_on) the household carries no arrears tier, gets no reminder and
-- (later) no late fee; from ends_on everything applies again from the
-- new dates.
CREATE TABLE deferrals (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  premises_id    BIGINT NOT NULL,
  owner_id       BIGINT NOT NULL,      -- the owner it is for
  reason         VARCHAR(500) NOT NULL,
  months         INT NOT NULL,
  status         ENUM('pending','approved','rejected') NOT NULL DEFAULT 'pending',
  applied_at     DATETIME NOT NULL,
  logged_by      BIGINT NULL,          -- staff who logged it; NULL: the owner, in the portal
  decided_by     BIGINT NULL,
  decided_at     DATETIME NULL,
  decision_note  VARCHAR(200) NOT NULL DEFAULT '',
  starts_on      DATE NULL,            -- set when approved
  ends_on        DATE NULL,            -- the covered bills' new due date
  photo_key      CHAR(32) NULL,        -- a document photo (core/photo.c)
  -- at most one pending application per household
  pending_premises BIGINT AS (IF(status = 'pending', premises_id, NULL)) PERSISTENT,
  PRIMARY KEY (id),
  UNIQUE KEY deferrals_one_pending (pending_premises),
  KEY deferrals_estate (estate_id, status, ends_on),
  KEY deferrals_premises (premises_id, status, ends_on),
  KEY deferrals_owner (owner_id),
  CONSTRAINT deferrals_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT deferrals_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT deferrals_owner FOREIGN KEY (owner_id) REFERENCES owners (id),
  CONSTRAINT deferrals_logged FOREIGN KEY (logged_by) REFERENCES staff (id),
  CONSTRAINT deferrals_decided FOREIGN KEY (decided_by) REFERENCES staff (id),
  CONSTRAINT deferrals_months CHECK (months BETWEEN 1 AND 6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The bills an application names.
CREATE TABLE deferral_bills (
  deferral_id    BIGINT NOT NULL,
  bill_id        BIGINT NOT NULL,
  PRIMARY KEY (deferral_id, bill_id),
  KEY deferral_bills_bill (bill_id),
  CONSTRAINT deferral_bills_deferral FOREIGN KEY (deferral_id) REFERENCES deferrals (id),
  CONSTRAINT deferral_bills_bill FOREIGN KEY (bill_id) REFERENCES bills (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A bill's due date moved by an approved deferral: the bill's effective
-- due date is the latest of these, else bills.due_date (DEFERRAL_DUE_SQL
-- in core/deferral.h). It only ever moves a date later: the row is
-- written as GREATEST(the bill's due date, the deferral's end).
CREATE TABLE bill_due_dates (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  bill_id        BIGINT NOT NULL,
  deferral_id    BIGINT NOT NULL,
  due_date       DATE NOT NULL,
  created_at     DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY bill_due_dates_once (bill_id, deferral_id),
  KEY bill_due_dates_bill (bill_id, due_date),
  CONSTRAINT bill_due_dates_bill FOREIGN KEY (bill_id) REFERENCES bills (id),
  CONSTRAINT bill_due_dates_deferral FOREIGN KEY (deferral_id) REFERENCES deferrals (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER //

CREATE TRIGGER deferrals_guard_delete BEFORE DELETE ON deferrals FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'deferrals: never deleted';
END//

CREATE TRIGGER deferral_bills_guard_delete BEFORE DELETE ON deferral_bills FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'deferral_bills: never deleted';
END//

CREATE TRIGGER bill_due_dates_guard_delete BEFORE DELETE ON bill_due_dates FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bill_due_dates: never deleted';
END//

DELIMITER ;
