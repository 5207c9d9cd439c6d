-- 007_once_periods.sql - issue 7: forms that create something record it
-- once; "at most one" rules are unique keys; which periods were billed.

-- A create form's token, claimed inside the transaction that creates the
-- record (core/once.c): a second sending of the same form finds it and
-- answers with what the first made. Not a money record.
CREATE TABLE form_submissions (
  token       VARCHAR(64) CHARACTER SET ascii NOT NULL,
  estate_id   BIGINT NULL,                        -- NULL: company-wide
  form        VARCHAR(64) NOT NULL,               -- kind/record: receipt.void/123
  made_id     BIGINT NULL,                        -- what it created
  actor_kind  ENUM('owner','staff','system') NOT NULL,
  actor_id    BIGINT NULL,
  created_at  DATETIME NOT NULL,
  PRIMARY KEY (token),
  KEY form_submissions_estate (estate_id, created_at),
  CONSTRAINT form_submissions_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- At most one open case file per household: a unique key on a column
-- that holds the premises only while the file is open.
ALTER TABLE case_files
  ADD COLUMN open_premises_id BIGINT AS
    (CASE WHEN status = 'open' THEN premises_id END) PERSISTENT,
  ADD UNIQUE KEY case_files_one_open (open_premises_id);

-- At most one credit per payment it became.
ALTER TABLE service_credits ADD UNIQUE KEY service_credits_payment (payment_id);

-- The periods of each occupancy an estate has billed (DOMAIN.md: a run
-- for any month makes every bill that should exist by then). A run
-- records each period it billed; the next run bills every earlier period
-- that is missing here. Not a money record.
CREATE TABLE billing_periods (
  estate_id     BIGINT NOT NULL,
  occupancy     ENUM('occupied','vacant','shop') NOT NULL,
  period_start  DATE NOT NULL,
  run_id        BIGINT NULL,
  created_at    DATETIME NOT NULL,
  PRIMARY KEY (estate_id, occupancy, period_start),
  CONSTRAINT billing_periods_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Periods billed before this table existed: those with bills.
INSERT INTO billing_periods (estate_id, occupancy, period_start, run_id,
  created_at)
SELECT b.estate_id, p.occupancy, b.period_start, NULL, NOW()
FROM bills b JOIN premises p ON p.id = b.premises_id
JOIN fee_items fi ON fi.id = b.fee_item_id AND fi.basis IN ('area', 'fixed')
GROUP BY b.estate_id, p.occupancy, b.period_start;
