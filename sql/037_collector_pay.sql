-- 037_collector_pay.sql - satisfaction tied to pay (DOMAIN.md "Collector
-- performance", issue 12): the estate's settings, and who was assigned
-- which household when.
--
-- For every pay_step_points (default 5) points a collector's mean
-- follow-up score of a month stands over satisfaction_baseline (default
-- 85), their performance pay rises pay_step_bp basis points (default
-- 300: 3 %). The monthly page is cgi-bin/staff/performance.c, the rule
-- cgi-bin/core/perf.c.
ALTER TABLE estates
  ADD COLUMN satisfaction_baseline INT NOT NULL DEFAULT 85,
  ADD COLUMN pay_step_points INT NOT NULL DEFAULT 5,
  ADD COLUMN pay_step_bp INT NOT NULL DEFAULT 300;

-- Every assignment of a household to a collector (and every taking back:
-- collector_id NULL), appended, never changed: a past month's completion
-- rate counts the households each collector had at that month's end,
-- not those they have today (assignments holds only the current one).
-- from_at is when the assignment took effect (assignments.assigned_at;
-- the moment of a taking back), recorded_at when the row was written.
-- The triggers below write it on every change of assignments, from
-- whatever program or script makes it, so no writer can forget it.
CREATE TABLE assignment_history (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  premises_id    BIGINT NOT NULL,
  collector_id   BIGINT NULL,                 -- NULL: taken back
  from_at        DATETIME(6) NOT NULL,
  recorded_at    DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ah_premises (premises_id, from_at, id),
  KEY ah_estate (estate_id, from_at),
  CONSTRAINT ah_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT ah_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT ah_collector FOREIGN KEY (collector_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The assignments standing now, from when they were made.
INSERT INTO assignment_history (estate_id, premises_id, collector_id,
  from_at, recorded_at)
  SELECT estate_id, premises_id, collector_id, assigned_at, NOW(6)
  FROM assignments ORDER BY assigned_at, premises_id;

DELIMITER //

CREATE TRIGGER assignments_history_insert AFTER INSERT ON assignments
FOR EACH ROW
BEGIN
  INSERT INTO assignment_history (estate_id, premises_id, collector_id,
    from_at, recorded_at)
    VALUES (NEW.estate_id, NEW.premises_id, NEW.collector_id,
      NEW.assigned_at, NOW(6));
END//

CREATE TRIGGER assignments_history_update AFTER UPDATE ON assignments
FOR EACH ROW
BEGIN
  IF NEW.premises_id <> OLD.premises_id THEN
    INSERT INTO assignment_history (estate_id, premises_id, collector_id,
      from_at, recorded_at)
      VALUES (OLD.estate_id, OLD.premises_id, NULL, NOW(6), NOW(6));
  END IF;
  IF NEW.collector_id <> OLD.collector_id
     OR NEW.assigned_at <> OLD.assigned_at
     OR NEW.premises_id <> OLD.premises_id THEN
    INSERT INTO assignment_history (estate_id, premises_id, collector_id,
      from_at, recorded_at)
      VALUES (NEW.estate_id, NEW.premises_id, NEW.collector_id,
        NEW.assigned_at, NOW(6));
  END IF;
END//

CREATE TRIGGER assignments_history_delete AFTER DELETE ON assignments
FOR EACH ROW
BEGIN
  INSERT INTO assignment_history (estate_id, premises_id, collector_id,
    from_at, recorded_at)
    VALUES (OLD.estate_id, OLD.premises_id, NULL, NOW(6), NOW(6));
END//

CREATE TRIGGER assignment_history_guard_update BEFORE UPDATE
ON assignment_history FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'assignment_history: never updated';
END//

CREATE TRIGGER assignment_history_guard_delete BEFORE DELETE
ON assignment_history FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'assignment_history: never deleted';
END//

DELIMITER ;
