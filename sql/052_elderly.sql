-- 052_elderly.sql - elderly mode (适老化, issue 13): the owner portal's
-- large-text, high-contrast mode remembered per owner, and an owner's
-- request that a collector visit to collect (上门收费预约).
--
-- owners.elder_mode: NULL until the owner switches it (on by default for
-- an owner of 80 or over, by birth year, as the arrears board counts
-- owners over 80); 1 or 0 once they did, kept whatever their age.
ALTER TABLE owners
  ADD COLUMN elder_mode TINYINT(1) NULL;

-- A request for a visit: the day and half-day the owner chose, an
-- optional note, and what became of it. It lands on the list of the
-- collector assigned to the household when it is read (assignments), so
-- a household handed to another collector takes its request along.
-- At most one open request per household: open_premises is the
-- household while the request is open, NULL after (a unique key ignores
-- NULLs). Not money: its status is updated in place, each change with
-- its audit row.
CREATE TABLE visit_requests (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  premises_id    BIGINT NOT NULL,
  owner_id       BIGINT NOT NULL,             -- who asked, in the portal
  visit_date     DATE NOT NULL,
  half_day       ENUM('am','pm') NOT NULL,
  note           VARCHAR(200) NOT NULL DEFAULT '',
  status         ENUM('open','cancelled','done','not_reached') NOT NULL DEFAULT 'open',
  created_at     DATETIME(6) NOT NULL,
  closed_at      DATETIME(6) NULL,
  closed_by      BIGINT NULL,                 -- staff; NULL: the owner cancelled
  close_note     VARCHAR(200) NOT NULL DEFAULT '',
  open_premises  BIGINT AS (IF(status = 'open', premises_id, NULL)) PERSISTENT,
  PRIMARY KEY (id),
  UNIQUE KEY visit_requests_open (open_premises),
  KEY visit_requests_estate (estate_id, status, visit_date),
  KEY visit_requests_premises (premises_id, id),
  KEY visit_requests_owner (owner_id),
  CONSTRAINT visit_requests_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT visit_requests_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT visit_requests_owner FOREIGN KEY (owner_id) REFERENCES owners (id),
  CONSTRAINT visit_requests_staff FOREIGN KEY (closed_by) REFERENCES staff (id),
  CONSTRAINT visit_requests_closed CHECK ((status = 'open') = (closed_at IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
