-- 030_bills_run_premises.sql - a billing run finds the bills it made in a
-- chunk of premises (core/billing.c SQL_BILLING_MADE, core/msg.c's e-bill
-- queueing) by run and premises range. With bills_run on run_id alone
-- MariaDB read every bill the run had made so far, or every bill the
-- chunk's premises ever had, for each chunk: the company-wide run of the
-- bench slowed from 15 s to a minute once the e-bills were queued with it.
ALTER TABLE bills DROP KEY bills_run, ADD KEY bills_run (run_id, premises_id);
