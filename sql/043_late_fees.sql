-- 043_late_fees.sql - late fees (滞纳金, issue 13; core/latefee.h).
--
-- Per estate, off by default: the daily rate in parts per 100,000 of the
-- principal still owed (万分之五 = 50), the grace days after the
-- (effective) due date, the cap in basis points of the principal (never
-- above it: 10000), and whether a payment pays principal bills before
-- late-fee bills (default) or every open bill oldest first.
--
-- A late fee is a bill of its own, never a change of its principal bill:
-- under the estate's fee item of basis 'latefee' (made by the worker the
-- first time it bills one), with late_of the principal bill's id (0 for
-- every other bill). The worker (worker/latefee.c) bills, once a month,
-- what the principal bill earned through the end of the month before,
-- less the late-fee bills already made for it: one late-fee bill per
-- principal bill and month (period_start that month's first day), which
-- bills_once now keeps unique with late_of.

ALTER TABLE estates
  ADD COLUMN late_fee_on TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN late_fee_rate INT NOT NULL DEFAULT 50,
  ADD COLUMN late_fee_grace_days INT NOT NULL DEFAULT 30,
  ADD COLUMN late_fee_cap_bp INT NOT NULL DEFAULT 10000,
  ADD COLUMN late_fee_principal_first TINYINT NOT NULL DEFAULT 1,
  ADD CONSTRAINT estates_late_fee CHECK (late_fee_rate BETWEEN 0 AND 1000
    AND late_fee_grace_days BETWEEN 0 AND 365
    AND late_fee_cap_bp BETWEEN 0 AND 10000);

ALTER TABLE fee_items
  MODIFY basis ENUM('area','fixed','meter','agreement','latefee') NOT NULL;

ALTER TABLE bills
  ADD COLUMN late_of BIGINT NOT NULL DEFAULT 0,
  DROP INDEX bills_once,
  ADD UNIQUE KEY bills_once (premises_id, period_start, fee_item_id, late_of),
  ADD KEY bills_late_of (late_of);
