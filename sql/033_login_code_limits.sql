-- 033_login_code_limits.sql - what requests for a login code wait on
-- (issue 11, "Login codes": never revealing whether a phone is
-- registered).
--
-- Two requests for a code for one phone must not both pass its limit
-- (1 a minute, 5 an hour: core/logincode.c), so they take turns. They
-- took turns on the owner's row (owners ... FOR UPDATE), which only a
-- registered phone has: two requests at once for an unregistered phone
-- both passed the limit and were both answered "sent", those for an
-- owner's phone were answered "sent" and "wait" - a race told which
-- phones are owners'. Now every request first writes (INSERT ... ON
-- DUPLICATE KEY UPDATE) and so locks, until it commits, the row of its
-- phone here and then the row of its client address, which exist for
-- every phone and address ever asked about, an owner's or not. The
-- limits themselves still count login_codes rows.
CREATE TABLE login_code_limits (
  kind      ENUM('phone','address') NOT NULL,
  subject   VARCHAR(45) NOT NULL,          -- 11 digits, or the client address
  asked_at  DATETIME(6) NOT NULL,          -- the latest request, limited or not
  PRIMARY KEY (kind, subject),
  KEY login_code_limits_asked (asked_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
