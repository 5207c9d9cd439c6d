-- 050_team.sql - team development (团队建设, issue 13; DOMAIN.md "Team
-- development"): training sessions and who attended them, quiz scores per
-- member of staff, mentor-newcomer pairs and the ticks of each newcomer's
-- 30-day plan (days 1-10 learn the estate and the system, 11-20 collect
-- beside the mentor, 21-30 collect from 5 households alone and review).
-- The pages are cgi-bin/staff/team*.c, the rules cgi-bin/core/team.c.
--
-- Append-only, every table: a session held, a score taken and a stage
-- ticked off are history - who recorded it and when is kept with it, and
-- a better score later is a new row (the team page shows the first and
-- the latest per subject: 78 -> 91 in the report), never an edit. The
-- triggers at the end refuse UPDATE and DELETE, as for money rows.

CREATE TABLE training_sessions (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  topic        VARCHAR(100) NOT NULL,
  held_on      DATE NOT NULL,
  hours_x100   INT NOT NULL,                -- 课时 in hundredths (2.5 h: 250)
  note         VARCHAR(500) NOT NULL DEFAULT '',
  logged_by    BIGINT NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY training_sessions_estate (estate_id, held_on),
  CONSTRAINT training_sessions_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT training_sessions_staff FOREIGN KEY (logged_by) REFERENCES staff (id),
  CONSTRAINT training_sessions_hours CHECK (hours_x100 > 0 AND hours_x100 <= 2400)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE training_attendees (
  session_id   BIGINT NOT NULL,
  staff_id     BIGINT NOT NULL,
  estate_id    BIGINT NOT NULL,
  PRIMARY KEY (session_id, staff_id),
  KEY training_attendees_staff (staff_id, session_id),
  CONSTRAINT training_attendees_session FOREIGN KEY (session_id) REFERENCES training_sessions (id),
  CONSTRAINT training_attendees_staff FOREIGN KEY (staff_id) REFERENCES staff (id),
  CONSTRAINT training_attendees_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE quiz_scores (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  staff_id     BIGINT NOT NULL,             -- whose score
  subject      VARCHAR(30) NOT NULL,        -- 法律法规, 沟通技巧 ...
  score        INT NOT NULL,
  taken_on     DATE NOT NULL,
  logged_by    BIGINT NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY quiz_scores_estate (estate_id, taken_on),
  KEY quiz_scores_staff (staff_id, subject, taken_on),
  CONSTRAINT quiz_scores_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT quiz_scores_staff FOREIGN KEY (staff_id) REFERENCES staff (id),
  CONSTRAINT quiz_scores_logger FOREIGN KEY (logged_by) REFERENCES staff (id),
  CONSTRAINT quiz_scores_score CHECK (score BETWEEN 0 AND 100)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One plan per newcomer and estate (a second is refused by the key).
CREATE TABLE mentor_pairs (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  newcomer_id  BIGINT NOT NULL,
  mentor_id    BIGINT NOT NULL,
  start_on     DATE NOT NULL,               -- day 1 of the 30-day plan
  created_by   BIGINT NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY mentor_pairs_newcomer (estate_id, newcomer_id),
  KEY mentor_pairs_mentor (mentor_id),
  CONSTRAINT mentor_pairs_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT mentor_pairs_newcomer_fk FOREIGN KEY (newcomer_id) REFERENCES staff (id),
  CONSTRAINT mentor_pairs_mentor FOREIGN KEY (mentor_id) REFERENCES staff (id),
  CONSTRAINT mentor_pairs_creator FOREIGN KEY (created_by) REFERENCES staff (id),
  CONSTRAINT mentor_pairs_two CHECK (newcomer_id <> mentor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A stage of a plan ticked off: once (the key), with the day it was done,
-- who ticked it and when.
CREATE TABLE plan_ticks (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  pair_id      BIGINT NOT NULL,
  stage        TINYINT NOT NULL,            -- 1, 2, 3
  done_on      DATE NOT NULL,
  note         VARCHAR(200) NOT NULL DEFAULT '',
  ticked_by    BIGINT NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY plan_ticks_stage (pair_id, stage),
  KEY plan_ticks_estate (estate_id),
  CONSTRAINT plan_ticks_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT plan_ticks_pair FOREIGN KEY (pair_id) REFERENCES mentor_pairs (id),
  CONSTRAINT plan_ticks_staff FOREIGN KEY (ticked_by) REFERENCES staff (id),
  CONSTRAINT plan_ticks_stage_no CHECK (stage BETWEEN 1 AND 3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER //

CREATE TRIGGER training_sessions_guard_update BEFORE UPDATE ON training_sessions FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'training_sessions: never updated';
END//

CREATE TRIGGER training_sessions_guard_delete BEFORE DELETE ON training_sessions FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'training_sessions: never deleted';
END//

CREATE TRIGGER training_attendees_guard_update BEFORE UPDATE ON training_attendees FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'training_attendees: never updated';
END//

CREATE TRIGGER training_attendees_guard_delete BEFORE DELETE ON training_attendees FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'training_attendees: never deleted';
END//

CREATE TRIGGER quiz_scores_guard_update BEFORE UPDATE ON quiz_scores FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'quiz_scores: never updated';
END//

CREATE TRIGGER quiz_scores_guard_delete BEFORE DELETE ON quiz_scores FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'quiz_scores: never deleted';
END//

CREATE TRIGGER mentor_pairs_guard_update BEFORE UPDATE ON mentor_pairs FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'mentor_pairs: never updated';
END//

CREATE TRIGGER mentor_pairs_guard_delete BEFORE DELETE ON mentor_pairs FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'mentor_pairs: never deleted';
END//

CREATE TRIGGER plan_ticks_guard_update BEFORE UPDATE ON plan_ticks FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'plan_ticks: never updated';
END//

CREATE TRIGGER plan_ticks_guard_delete BEFORE DELETE ON plan_ticks FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'plan_ticks: never deleted';
END//

DELIMITER ;
