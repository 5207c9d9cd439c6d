-- 034_service_requests.sql - service requests (报事报修 / 投诉), issue 12,
-- DOMAIN.md "Service loop": a request is logged (by a collector on a
-- visit, customer service from a phone call, or the owner in the
-- portal), received by customer service within 24 h, answered with a
-- plan within 48 h of receipt, dispatched to engineering when it needs
-- work, done, followed up by the collector within 3 days of done, and
-- closed - or reopened when the owner is not satisfied. The stage logic
-- is cgi-bin/core/request.c; every stage is a row of
-- service_request_events with its time and actor.

CREATE TABLE service_requests (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  premises_id    BIGINT NULL,                 -- NULL: a public area
  public_area    VARCHAR(100) NOT NULL DEFAULT '',
  owner_id       BIGINT NULL,                 -- the owner concerned
  category       ENUM('lighting','greening','cleaning','elevator',
                      'water_power','notices','noise','parking',
                      'security','other') NOT NULL,
  body           VARCHAR(1000) NOT NULL,
  withholding    TINYINT(1) NOT NULL DEFAULT 0,  -- owner withholds fees over it
  share_contact  TINYINT(1) NOT NULL DEFAULT 0,  -- engineering may see a contact
  contact_phone  VARCHAR(20) NOT NULL DEFAULT '',
  source         ENUM('visit','phone','portal') NOT NULL,
  logged_by_kind ENUM('owner','staff','system') NOT NULL,
  logged_by      BIGINT NULL,
  status         ENUM('logged','received','planned','dispatched','done',
                      'closed') NOT NULL DEFAULT 'logged',
  plan           VARCHAR(1000) NOT NULL DEFAULT '',
  stage_at       DATETIME(6) NOT NULL,        -- when status was entered
  due_at         DATETIME(6) NULL,            -- the next step's deadline
  late           TINYINT(1) NOT NULL DEFAULT 0,  -- the current step is late
  done_at        DATETIME(6) NULL,            -- the last done
  score          INT NULL,                    -- the last follow-up's 0-100
  paid_after     TINYINT(1) NULL,             -- a withholding owner paid
  created_at     DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY sr_estate_status (estate_id, status, id),
  KEY sr_premises (premises_id, id),
  KEY sr_due (status, due_at),
  CONSTRAINT sr_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT sr_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT sr_owner FOREIGN KEY (owner_id) REFERENCES owners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every step: what it was, when, by whom (staff, the owner, the worker).
CREATE TABLE service_request_events (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  request_id     BIGINT NOT NULL,
  kind           ENUM('logged','received','planned','dispatched','done',
                      'followed','closed','reopened','late') NOT NULL,
  actor_kind     ENUM('owner','staff','system') NOT NULL,
  actor_id       BIGINT NULL,
  at             DATETIME(6) NOT NULL,
  note           VARCHAR(1000) NOT NULL DEFAULT '',
  score          INT NULL,
  paid           TINYINT(1) NULL,
  was_late       TINYINT(1) NOT NULL DEFAULT 0,
  late_stage     VARCHAR(20) NOT NULL DEFAULT '',  -- a 'late' row: whose step
  PRIMARY KEY (id),
  KEY sre_request (request_id, id),
  KEY sre_estate_kind (estate_id, kind, at),
  CONSTRAINT sre_request FOREIGN KEY (request_id) REFERENCES service_requests (id),
  CONSTRAINT sre_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A late step is flagged once (the worker's clock, worker/requests.c):
-- the request, the status it was late in and that status's deadline.
CREATE TABLE service_request_late (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  request_id     BIGINT NOT NULL,
  status         VARCHAR(20) NOT NULL,
  due_at         DATETIME(6) NOT NULL,
  flagged_at     DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY srl_once (request_id, status, due_at),
  KEY srl_estate (estate_id, flagged_at),
  CONSTRAINT srl_request FOREIGN KEY (request_id) REFERENCES service_requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Photos (at most 6 per step): re-encoded without metadata, with a
-- thumbnail, under the configuration's photo_dir (var/photos), named by
-- a random key; served only through the programs' photo routes.
CREATE TABLE service_request_photos (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  request_id     BIGINT NOT NULL,
  event_id       BIGINT NOT NULL,
  file_key       CHAR(32) NOT NULL,
  width          INT NOT NULL,
  height         INT NOT NULL,
  bytes          INT NOT NULL,
  created_at     DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY srp_key (file_key),
  KEY srp_request (request_id, id),
  CONSTRAINT srp_request FOREIGN KEY (request_id) REFERENCES service_requests (id),
  CONSTRAINT srp_event FOREIGN KEY (event_id) REFERENCES service_request_events (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
