-- 006_bill_indexes.sql - indexes shaped for the hot reads (measured by
-- make bench): the arrears board reads open, past-due bills from the
-- index alone, and a household's bills come in period order from the
-- unique key, so one index fewer is kept up to date on every bill made.

ALTER TABLE bills
  DROP INDEX bills_once,
  ADD UNIQUE KEY bills_once (premises_id, period_start, fee_item_id),
  DROP INDEX bills_premises,
  DROP INDEX bills_open,
  ADD KEY bills_open (estate_id, status, due_date, premises_id, amount_fen),
  DROP INDEX bills_open_all,
  ADD KEY bills_open_all (status, due_date, premises_id, amount_fen, estate_id);
