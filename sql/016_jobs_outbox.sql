-- 016_jobs_outbox.sql - the worker's queue and the transactional outbox
-- (issue 9).
--
-- jobs: one row per piece of background work, written in the same
-- transaction as what asks for it (a billing run's request). A worker
-- takes a due row with SELECT ... FOR UPDATE SKIP LOCKED and leases it
-- (lease_owner, lease_until); a worker that dies leaves its lease to run
-- out, and the next worker to look takes the job over, exactly once.
-- A failed job is queued again after a backoff with jitter, and is dead
-- after max_attempts.
CREATE TABLE jobs (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NULL,                 -- NULL: company-wide
  kind          VARCHAR(40) NOT NULL,        -- a job of propfee-worker's table
  ref_id        BIGINT NOT NULL DEFAULT 0,   -- the record it works on
  status        ENUM('queued','running','done','dead') NOT NULL DEFAULT 'queued',
  run_after     DATETIME(6) NOT NULL,
  attempts      INT NOT NULL DEFAULT 0,
  max_attempts  INT NOT NULL DEFAULT 3,
  lease_owner   VARCHAR(100) NOT NULL DEFAULT '',
  lease_until   DATETIME(6) NULL,
  last_error    VARCHAR(300) NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL,
  finished_at   DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY jobs_once (kind, ref_id),
  KEY jobs_due (status, run_after),
  KEY jobs_lease (status, lease_until)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Scheduled jobs: one row per job of the table that runs every N
-- seconds, whichever worker gets to it first (FOR UPDATE SKIP LOCKED on
-- the row, next_at moved on in the same transaction).
CREATE TABLE job_schedule (
  name          VARCHAR(40) NOT NULL,
  next_at       DATETIME(6) NOT NULL,
  last_owner    VARCHAR(100) NOT NULL DEFAULT '',
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- outbox: a message that something happened, written in the same
-- transaction as the change (a receipt issued ...), sent later by the
-- worker, once: idem_key is unique, a sent row is never sent again.
CREATE TABLE outbox (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NULL,
  topic         VARCHAR(40) NOT NULL,
  idem_key      VARCHAR(120) NOT NULL,
  payload       TEXT NOT NULL,               -- JSON
  status        ENUM('pending','sending','sent','dead') NOT NULL DEFAULT 'pending',
  attempts      INT NOT NULL DEFAULT 0,
  next_at       DATETIME(6) NOT NULL,
  lease_owner   VARCHAR(100) NOT NULL DEFAULT '',
  lease_until   DATETIME(6) NULL,
  last_error    VARCHAR(300) NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL,
  sent_at       DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY outbox_once (idem_key),
  KEY outbox_due (status, next_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Runs already queued or interrupted before the worker existed become
-- jobs, so none is lost by the upgrade.
INSERT INTO jobs (estate_id, kind, ref_id, status, run_after, created_at)
  SELECT estate_id, 'billing.run', id, 'queued', NOW(6), NOW(6)
  FROM billing_runs WHERE status IN ('queued', 'running');
