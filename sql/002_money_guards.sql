-- 002_money_guards.sql - money history cannot be rewritten, even by a bug.
--
-- Amounts and the rows they belong to are refused UPDATE and DELETE at
-- the database; a bill's status may change (it follows its allocations),
-- its amount may not. The audit log is append-only.

DELIMITER //

CREATE TRIGGER bills_guard_update BEFORE UPDATE ON bills FOR EACH ROW
BEGIN
  IF NEW.amount_fen <> OLD.amount_fen OR NEW.premises_id <> OLD.premises_id
     OR NEW.fee_item_id <> OLD.fee_item_id OR NEW.estate_id <> OLD.estate_id
     OR NEW.period_start <> OLD.period_start THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bills: amounts are never rewritten';
  END IF;
END//

CREATE TRIGGER bills_guard_delete BEFORE DELETE ON bills FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bills: never deleted';
END//

CREATE TRIGGER payments_guard_update BEFORE UPDATE ON payments FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'payments: never updated';
END//

CREATE TRIGGER payments_guard_delete BEFORE DELETE ON payments FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'payments: never deleted';
END//

CREATE TRIGGER allocations_guard_update BEFORE UPDATE ON allocations FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'allocations: never updated';
END//

CREATE TRIGGER allocations_guard_delete BEFORE DELETE ON allocations FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'allocations: never deleted';
END//

CREATE TRIGGER receipts_guard_update BEFORE UPDATE ON receipts FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'receipts: never updated';
END//

CREATE TRIGGER receipts_guard_delete BEFORE DELETE ON receipts FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'receipts: never deleted';
END//

CREATE TRIGGER audit_guard_update BEFORE UPDATE ON audit_log FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log: append-only';
END//

CREATE TRIGGER audit_guard_delete BEFORE DELETE ON audit_log FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log: append-only';
END//

DELIMITER ;
