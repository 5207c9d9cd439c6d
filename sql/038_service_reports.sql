-- 038_service_reports.sql - the monthly service report (物业服务月报,
-- issue 12; DOMAIN.md "Monthly service report": by the 5th of each
-- month, cleaning rounds, greening work, repairs, requests solved and
-- their times, published to the owners), and the simple logs it counts.
--
-- service_logs: one cleaning round, one piece of greening work, one
-- public-area repair - the day, where, who did it, a note, photos
-- (service_log_photos, handled as a service request's: core/photo.h).
-- Written by staff from a phone (cgi-bin/staff/servicelogs.c); never
-- edited, a log being what was done on a day.
--
-- service_reports: one per estate and month. The worker drafts last
-- month's on the 1st (cgi-bin/worker/reports.c) with its figures as they
-- stand when drafted - the month's logs and service requests
-- (sql/034), computed by core/svcreport.c - and a first summary; the
-- manager edits the summary and publishes it once, which tells the
-- estate's owners through the outbox in the same transaction. A draft
-- still unpublished after the 5th of the next month (due_on) is marked
-- late by the worker's clock, for the manager and the team lead.
CREATE TABLE service_logs (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NOT NULL,
  kind        ENUM('cleaning','greening','repair') NOT NULL,
  done_on     DATE NOT NULL,               -- China time
  area        VARCHAR(100) NOT NULL,       -- 5栋1-2单元楼道, 北门绿化带
  who         VARCHAR(50) NOT NULL,        -- who did it, as written
  note        VARCHAR(500) NOT NULL DEFAULT '',
  logged_by   BIGINT NOT NULL,             -- staff
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY service_logs_month (estate_id, done_on, kind),
  CONSTRAINT service_logs_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT service_logs_staff FOREIGN KEY (logged_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A log's photos (at most 6), as service_request_photos: re-encoded
-- without metadata under photo_dir, named by a random key.
CREATE TABLE service_log_photos (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NOT NULL,
  log_id      BIGINT NOT NULL,
  file_key    CHAR(32) NOT NULL,
  width       INT NOT NULL,
  height      INT NOT NULL,
  bytes       INT NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY slp_key (file_key),
  KEY slp_log (log_id, id),
  CONSTRAINT slp_log FOREIGN KEY (log_id) REFERENCES service_logs (id),
  CONSTRAINT slp_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE service_reports (
  id              BIGINT NOT NULL AUTO_INCREMENT,
  estate_id       BIGINT NOT NULL,
  month           DATE NOT NULL,           -- its first day
  status          ENUM('draft','published') NOT NULL DEFAULT 'draft',
  due_on          DATE NOT NULL,           -- the 5th of the next month
  late            TINYINT(1) NOT NULL DEFAULT 0,
  late_at         DATETIME(6) NULL,
  -- the month's logs
  cleaning_n      INT NOT NULL,
  greening_n      INT NOT NULL,
  repair_n        INT NOT NULL,
  -- the month's service requests: logged; solved (first done in the
  -- month) and the median seconds from logging to that; the median
  -- seconds from logging to the first plan (planned in the month);
  -- the mean follow-up score x 10 (followed in the month); of the
  -- solved ones whose owner withheld fees, those paid within 30 days
  -- of the fix (as at drafting). NULL: none to take a median or mean of.
  rq_logged       INT NOT NULL,
  rq_solved       INT NOT NULL,
  fix_secs        BIGINT NULL,
  rq_planned      INT NOT NULL,
  plan_secs       BIGINT NULL,
  score_n         INT NOT NULL,
  score_x10       INT NULL,
  withheld_n      INT NOT NULL,
  withheld_paid_n INT NOT NULL,
  summary         VARCHAR(2000) NOT NULL,
  drafted_at      DATETIME(6) NOT NULL,
  edited_by       BIGINT NULL,
  edited_at       DATETIME(6) NULL,
  published_by    BIGINT NULL,
  published_at    DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY service_reports_month (estate_id, month),
  KEY service_reports_status (status, due_on),
  CONSTRAINT service_reports_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT service_reports_editor FOREIGN KEY (edited_by) REFERENCES staff (id),
  CONSTRAINT service_reports_publisher FOREIGN KEY (published_by) REFERENCES staff (id),
  CONSTRAINT service_reports_day1 CHECK (DAYOFMONTH(month) = 1),
  CONSTRAINT service_reports_published CHECK ((status = 'published') =
    (published_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
