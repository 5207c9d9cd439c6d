-- 028_messages.sql - e-bills, reminders, receipts and login codes reach
-- owners by SMS, WeChat and app push (issue 11).
--
-- The outbox (sql/016) becomes the message table: one row is one message
-- to one owner by one channel, written in the same transaction as what
-- causes it (a billing run's bills, a payment's receipt, a login code),
-- or by the worker's planners (reminders, the shops' quarterly bill),
-- with an idempotency key naming the cause and the channel, so nothing
-- is queued twice. The worker composes the words when it sends (a
-- reminder whose bills were paid meanwhile is skipped, not sent), and
-- keeps what it sent (address, body, the provider's id) and each try
-- (outbox_attempts).
--
-- held: a reminder or an e-bill, which quiet hours hold and the
-- per-owner limit spreads out; a receipt or a login code never waits.
-- Rows of the old spool sender (no channel) are done with.
ALTER TABLE outbox
  ADD COLUMN owner_id BIGINT NULL AFTER estate_id,
  ADD COLUMN channel ENUM('sms','wechat','app') NULL AFTER topic,
  ADD COLUMN premises_id BIGINT NULL AFTER channel,
  ADD COLUMN run_id BIGINT NULL AFTER premises_id,
  ADD COLUMN held TINYINT(1) NOT NULL DEFAULT 0 AFTER run_id,
  ADD COLUMN address VARCHAR(128) NOT NULL DEFAULT '' AFTER payload,
  ADD COLUMN body VARCHAR(500) NOT NULL DEFAULT '' AFTER address,
  ADD COLUMN link VARCHAR(300) NOT NULL DEFAULT '' AFTER body,
  ADD COLUMN provider_id VARCHAR(100) NOT NULL DEFAULT '' AFTER link,
  MODIFY status ENUM('pending','sending','sent','dead','skipped')
    NOT NULL DEFAULT 'pending',
  ADD KEY outbox_owner (owner_id, created_at),
  ADD KEY outbox_run (run_id, status),
  ADD KEY outbox_estate (estate_id, created_at);
UPDATE outbox SET status = 'skipped', last_error = 'before issue 11'
  WHERE channel IS NULL AND status <> 'sent';

-- Each try at a provider: when, how it answered, how long it took.
CREATE TABLE outbox_attempts (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  estate_id     BIGINT NULL,
  outbox_id     BIGINT NOT NULL,
  attempt       INT NOT NULL,
  at            DATETIME(6) NOT NULL,
  ok            TINYINT(1) NOT NULL,
  http_status   INT NOT NULL DEFAULT 0,
  code          VARCHAR(60) NOT NULL DEFAULT '',
  answer        VARCHAR(300) NOT NULL DEFAULT '',
  took_ms       INT NOT NULL DEFAULT 0,
  worker        VARCHAR(100) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY outbox_attempts_msg (outbox_id, id),
  CONSTRAINT outbox_attempts_msg FOREIGN KEY (outbox_id) REFERENCES outbox (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Where an owner's WeChat and app messages go: the openid the estate's
-- official account knows the owner by, the app's registration id. A
-- channel is chosen (notify_*) only where it has an address.
ALTER TABLE owners
  ADD COLUMN wechat_openid VARCHAR(64) NOT NULL DEFAULT '' AFTER notify_app,
  ADD COLUMN app_device VARCHAR(128) NOT NULL DEFAULT '' AFTER wechat_openid;

-- Per estate: quiet hours (China time; from > to spans midnight), the
-- reminder schedule (remind_before_days before the due date, on it, then
-- every remind_every_days after, at most remind_max reminders a bill),
-- and how many held messages an owner gets in 24 hours.
ALTER TABLE estates
  ADD COLUMN quiet_from TIME NOT NULL DEFAULT '21:00:00',
  ADD COLUMN quiet_to TIME NOT NULL DEFAULT '08:00:00',
  ADD COLUMN remind_before_days INT NOT NULL DEFAULT 3,
  ADD COLUMN remind_every_days INT NOT NULL DEFAULT 7,
  ADD COLUMN remind_max INT NOT NULL DEFAULT 6,
  ADD COLUMN msg_owner_day_max INT NOT NULL DEFAULT 10;
