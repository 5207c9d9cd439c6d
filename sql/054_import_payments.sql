-- 054_import_payments.sql - the fourth file of an estate's CSV import
-- (issue 13): historical payments (历史缴费), each paying one opening bill
-- imported by the arrears file (core/import.c).
--
-- The kinds of import_batches and import_keys gain 'payments' (at the
-- end of the list: an instant change). import_keys.entity_id is then the
-- payment's id.
ALTER TABLE import_batches
  MODIFY kind ENUM('premises','owners','arrears','payments') NOT NULL;
ALTER TABLE import_keys
  MODIFY kind ENUM('premises','owners','arrears','payments') NOT NULL;

-- Two more columns a staged row may need: e, a text (the payments file's
-- 缴费人), and vc, the receipt's verification code drawn in C for each
-- payment row (ctx_random_hex, 96 bits), so the receipts of a file are
-- written by one INSERT ... SELECT like everything else.
ALTER TABLE import_stage
  ADD COLUMN e VARCHAR(64) NOT NULL DEFAULT '' AFTER d,
  ADD COLUMN vc VARCHAR(32) CHARACTER SET ascii NOT NULL DEFAULT '' AFTER x3;
