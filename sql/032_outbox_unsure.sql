-- 032_outbox_unsure.sql - a message whose provider did not answer in time
-- may have been delivered (issue 11, a breaker's trial: a provider that
-- answered after our time limit got the same SMS eight times).
--
-- An attempt that timed out, or lost its connection, after the request
-- went out is "unsure" (outbox_attempts.unsure): the provider may have
-- taken it. The big SMS clouds do not deduplicate by OutId, so the
-- worker does not count on it: a message is sent again after its first
-- unsure attempt, once; its second unsure attempt ends it in status
-- 'unsure' (可能已送达), as does running out of tries after an unsure one -
-- at most two copies reach the owner. Staff see it in 消息发送 and may
-- resend it by hand (worker/outbox.c).
ALTER TABLE outbox
  MODIFY status ENUM('pending','sending','sent','dead','skipped','unsure')
    NOT NULL DEFAULT 'pending',
  ADD COLUMN unsure_tries INT NOT NULL DEFAULT 0 AFTER attempts;

ALTER TABLE outbox_attempts
  ADD COLUMN unsure TINYINT(1) NOT NULL DEFAULT 0 AFTER ok;
