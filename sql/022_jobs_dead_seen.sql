-- 022_jobs_dead_seen.sql - a dead job is answered for once (issue 9,
-- from a breaker's trial): the worker's "jobs.dead" runs the dead job's
-- kind's answer (a billing run's: marked failed, with why) and marks it
-- seen, so that no record waits for ever on a job that will not run.
ALTER TABLE jobs
  ADD COLUMN dead_seen TINYINT(1) NOT NULL DEFAULT 0 AFTER finished_at,
  ADD KEY jobs_dead (status, dead_seen);
