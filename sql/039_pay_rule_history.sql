-- 039_pay_rule_history.sql - the pay rule of a month is the one that
-- stood at its end (DOMAIN.md "Collector performance", issue 12; a
-- trial found a new baseline rewriting last month's multipliers).
--
-- Every value the estate's rule (037: satisfaction_baseline,
-- pay_step_points, pay_step_bp) has had, from when: appended by the
-- triggers below whatever writes estates, never changed. The rule a
-- month's performance page uses is the last row before the month's end
-- (core/perf.c). The values standing now stand from 2000-01-01, the
-- first month the page shows: nothing earlier is known.
CREATE TABLE pay_rule_history (
  id                     BIGINT NOT NULL AUTO_INCREMENT,
  estate_id              BIGINT NOT NULL,
  satisfaction_baseline  INT NOT NULL,
  pay_step_points        INT NOT NULL,
  pay_step_bp            INT NOT NULL,
  from_at                DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY prh_estate (estate_id, from_at, id),
  CONSTRAINT prh_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO pay_rule_history (estate_id, satisfaction_baseline,
  pay_step_points, pay_step_bp, from_at)
  SELECT id, satisfaction_baseline, pay_step_points, pay_step_bp,
    '2000-01-01 00:00:00' FROM estates ORDER BY id;

DELIMITER //

CREATE TRIGGER estates_pay_rule_insert AFTER INSERT ON estates
FOR EACH ROW
BEGIN
  INSERT INTO pay_rule_history (estate_id, satisfaction_baseline,
    pay_step_points, pay_step_bp, from_at)
    VALUES (NEW.id, NEW.satisfaction_baseline, NEW.pay_step_points,
      NEW.pay_step_bp, '2000-01-01 00:00:00');
END//

CREATE TRIGGER estates_pay_rule_update AFTER UPDATE ON estates
FOR EACH ROW
BEGIN
  IF NEW.satisfaction_baseline <> OLD.satisfaction_baseline
     OR NEW.pay_step_points <> OLD.pay_step_points
     OR NEW.pay_step_bp <> OLD.pay_step_bp THEN
    INSERT INTO pay_rule_history (estate_id, satisfaction_baseline,
      pay_step_points, pay_step_bp, from_at)
      VALUES (NEW.id, NEW.satisfaction_baseline, NEW.pay_step_points,
        NEW.pay_step_bp, NOW(6));
  END IF;
END//

CREATE TRIGGER pay_rule_history_no_update BEFORE UPDATE ON pay_rule_history
FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'pay_rule_history is append-only';
END//

CREATE TRIGGER pay_rule_history_no_delete BEFORE DELETE ON pay_rule_history
FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'pay_rule_history is append-only';
END//

DELIMITER ;
