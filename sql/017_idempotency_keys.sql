-- 017_idempotency_keys.sql - the one table of idempotency keys (issue 9).
--
-- A create form's one-time token, a payment gateway's notification (its
-- transaction id) and a CSV import's file hash are all keys here: the
-- transaction that acts claims the key first (core/once.c), so a second
-- sending finds it taken and answers with what the first one made.
-- scope binds a key to one kind of action on one record
-- ("receipt.void/123"): a key spent there does nothing anywhere else.
RENAME TABLE form_submissions TO idempotency_keys;

ALTER TABLE idempotency_keys
  DROP FOREIGN KEY form_submissions_estate,
  DROP KEY form_submissions_estate,
  CHANGE token idem_key VARCHAR(128) CHARACTER SET ascii NOT NULL,
  CHANGE form scope VARCHAR(64) NOT NULL,
  ADD KEY idempotency_keys_estate (estate_id, created_at),
  ADD CONSTRAINT idempotency_keys_estate FOREIGN KEY (estate_id)
    REFERENCES estates (id);
