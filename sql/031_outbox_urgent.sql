-- 031_outbox_urgent.sql - receipts and login codes go out ahead of any
-- backlog (issue 11, a breaker's trial: a login code waited behind
-- hundreds of failing retries).
--
-- The worker claims receipts and login codes (held = 0: an owner or a
-- collector on a doorstep is waiting) on their own, one at a time, before
-- each batch of e-bills and reminders and before each message of it
-- (worker/outbox.c); this is that claim's index.
ALTER TABLE outbox
  ADD KEY outbox_urgent (held, status, next_at);
