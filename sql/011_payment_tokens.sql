-- 011_payment_tokens.sql - a payment's form token moved to
-- form_submissions (007), the one mechanism every create form uses; the
-- column of the payment row itself is no longer written.

ALTER TABLE payments
  DROP INDEX payments_form,
  DROP COLUMN form_token;
