-- 005_company_runs.sql - a billing run may cover every estate at once
-- (estate_id NULL), and its start and end are kept to the millisecond.

ALTER TABLE billing_runs
  MODIFY estate_id BIGINT NULL,
  MODIFY started_at DATETIME(3) NULL,
  MODIFY finished_at DATETIME(3) NULL;
