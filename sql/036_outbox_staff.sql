-- 036_outbox_staff.sql - a message to a member of staff (issue 12: the
-- next actor of a service request is told, and the team lead of a late
-- step): an outbox row with staff_id instead of owner_id, sent by SMS to
-- staff.phone by the worker like any other (worker/outbox.c), written in
-- the transaction of the step that causes it (core/request.c).
ALTER TABLE outbox
  ADD COLUMN staff_id BIGINT NULL AFTER owner_id,
  ADD KEY outbox_staff (staff_id, created_at);
