-- 035_enquiries.sql - fee enquiries and disputes (收费咨询及异议, issue 12;
-- DOMAIN.md "Enquiries and disputes"): every fee question or objection an
-- owner raises at the counter, by phone, on a visit or in the portal, its
-- category, the answers given and whether the owner accepted them. The
-- report counts 2,137 a year; the KPI board counts them by category and
-- month (core/kpi.c).
--
-- Append-only, both tables: an enquiry is what the owner said, when and
-- to whom; an answer given later, or the owner accepting an answer a
-- week after hearing it, is a new enquiry_answers row (with its audit
-- row), never an edit. A dispute is later argued over exactly what was
-- said when (the report's "case" debates), and the KPI board reads every
-- figure as it stood at the end of its range: an outcome as at T is the
-- latest answer written before T, which an UPDATE would have lost.
-- The triggers below refuse UPDATE and DELETE, as for money rows.
CREATE TABLE enquiries (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  premises_id  BIGINT NULL,                 -- the household, when known
  owner_id     BIGINT NULL,                 -- the owner who asked, when known
  channel      ENUM('counter','phone','visit','portal') NOT NULL,
  category     ENUM('bill_amount','area','rate','service_quality',
                    'payment_channel','receipt','late_fee',
                    'payment_process','other') NOT NULL,
  question     VARCHAR(1000) NOT NULL,
  caller       VARCHAR(50) NOT NULL DEFAULT '',   -- who called, as they said
  logged_by    BIGINT NULL,                 -- staff; NULL: the owner, in the portal
  created_at   DATETIME(6) NOT NULL,        -- when it was raised and logged
  PRIMARY KEY (id),
  KEY enquiries_estate (estate_id, created_at),
  KEY enquiries_premises (premises_id, id),
  KEY enquiries_owner (owner_id, id),
  CONSTRAINT enquiries_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT enquiries_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT enquiries_owner FOREIGN KEY (owner_id) REFERENCES owners (id),
  CONSTRAINT enquiries_staff FOREIGN KEY (logged_by) REFERENCES staff (id),
  -- the portal's are the owner's own; every other channel names its staff
  CONSTRAINT enquiries_who CHECK ((channel = 'portal') = (logged_by IS NULL)),
  CONSTRAINT enquiries_portal_owner CHECK (channel <> 'portal' OR owner_id IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE enquiry_answers (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  enquiry_id   BIGINT NOT NULL,
  answer       VARCHAR(1000) NOT NULL,
  -- whether the owner accepted it, as known when this row was written
  outcome      ENUM('pending','accepted','not_accepted') NOT NULL,
  answered_by  BIGINT NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY enquiry_answers_enquiry (enquiry_id, id),
  KEY enquiry_answers_estate (estate_id, created_at),
  CONSTRAINT enquiry_answers_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT enquiry_answers_enquiry FOREIGN KEY (enquiry_id) REFERENCES enquiries (id),
  CONSTRAINT enquiry_answers_staff FOREIGN KEY (answered_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER //

CREATE TRIGGER enquiries_guard_update BEFORE UPDATE ON enquiries FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'enquiries: never updated';
END//

CREATE TRIGGER enquiries_guard_delete BEFORE DELETE ON enquiries FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'enquiries: never deleted';
END//

CREATE TRIGGER enquiry_answers_guard_update BEFORE UPDATE ON enquiry_answers FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'enquiry_answers: never updated';
END//

CREATE TRIGGER enquiry_answers_guard_delete BEFORE DELETE ON enquiry_answers FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'enquiry_answers: never deleted';
END//

DELIMITER ;
