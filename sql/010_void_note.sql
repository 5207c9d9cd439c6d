-- 010_void_note.sql - room in a payment's note for what a void writes
-- on its reversing payment: "作废收据 <number>：<reason>", a receipt
-- number of up to 32 characters and a reason of up to 200 (the void
-- form's limit, receipt_voids.reason): 238 characters at most. At 200 a
-- void with a long reason failed (1406 Data too long: the page said 500).
-- Widening a VARCHAR past 255 bytes already is an in-place change.

ALTER TABLE payments MODIFY note VARCHAR(300) NOT NULL DEFAULT '';
