-- 008_visits.sql - a door-to-door visit is a record of its own
-- (DOMAIN.md, Door-to-door visits): one per trip - a collector at a
-- household on a day - with its outcome. Payments taken on the trip point
-- at it (payments.visit_id, set when the payment is made); voiding a
-- payment leaves its visit, and taking the payment again on the same trip
-- links to the same visit. Before this, door_visits had one row per
-- payment, so a payment voided and taken again counted two visits.

ALTER TABLE payments
  ADD COLUMN visit_id BIGINT NULL AFTER collector_id,
  ADD KEY payments_visit (visit_id);

ALTER TABLE door_visits
  ADD COLUMN outcome ENUM('paid','promised','refused','nobody_home')
    NOT NULL DEFAULT 'paid' AFTER owner_over_80;

-- Each trip's visit: the first row recorded for it.
CREATE TEMPORARY TABLE visit_trips (
  visit_id   BIGINT NOT NULL,
  keeper_id  BIGINT NOT NULL,
  PRIMARY KEY (visit_id)
) ENGINE=InnoDB;
INSERT INTO visit_trips (visit_id, keeper_id)
SELECT v.id, k.keeper_id FROM door_visits v
JOIN (SELECT premises_id, collector_id, visited_on, MIN(id) AS keeper_id
      FROM door_visits GROUP BY premises_id, collector_id, visited_on) k
  ON k.premises_id = v.premises_id AND k.collector_id = v.collector_id
  AND k.visited_on = v.visited_on;

-- Payments are never updated (002_money_guards.sql); this one move of the
-- existing links, done once here, is the only exception, so the guard is
-- lifted for it and put back as it was.
DROP TRIGGER payments_guard_update;
UPDATE payments p
JOIN door_visits v ON v.payment_id = p.id
JOIN visit_trips t ON t.visit_id = v.id
SET p.visit_id = t.keeper_id;
DELIMITER //
CREATE TRIGGER payments_guard_update BEFORE UPDATE ON payments FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'payments: never updated';
END//
DELIMITER ;

-- A trip to an owner over 80 stays one, whichever of its rows said so.
UPDATE door_visits v
JOIN (SELECT t.keeper_id, MAX(x.owner_over_80) AS over_80
      FROM visit_trips t JOIN door_visits x ON x.id = t.visit_id
      GROUP BY t.keeper_id) m ON m.keeper_id = v.id
SET v.owner_over_80 = m.over_80;
DELETE v FROM door_visits v JOIN visit_trips t ON t.visit_id = v.id
WHERE t.keeper_id <> v.id;
DROP TEMPORARY TABLE visit_trips;

ALTER TABLE door_visits
  DROP FOREIGN KEY door_visits_payment,
  DROP INDEX door_visits_payment,
  DROP COLUMN payment_id,
  ADD UNIQUE KEY door_visits_trip (premises_id, collector_id, visited_on);

ALTER TABLE payments
  ADD CONSTRAINT payments_visit FOREIGN KEY (visit_id) REFERENCES door_visits (id);
