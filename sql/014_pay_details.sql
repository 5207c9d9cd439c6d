-- 014_pay_details.sql - what a collector records with a payment at the
-- counter or the door (issue 8): a POS payment's voucher number (POS 凭证号,
-- printed on the terminal's slip: it ties the payment to the bank's
-- settlement), and for cash what the payer handed over (实收), from which
-- the receipt page shows the change (找零). Both are written with the
-- payment and, like every money row, never updated (002_money_guards);
-- NULL on every other payment and on every payment made before.

ALTER TABLE payments
  ADD COLUMN pos_voucher VARCHAR(32) NULL AFTER channel_sub,
  ADD COLUMN tendered_fen BIGINT NULL AFTER pos_voucher,
  ADD CONSTRAINT payments_voucher_pos CHECK (pos_voucher IS NULL OR
    channel IN ('pos_counter', 'pos_door')),
  ADD CONSTRAINT payments_tendered_cash CHECK (tendered_fen IS NULL OR
    (channel = 'cash' AND tendered_fen >= amount_fen));
