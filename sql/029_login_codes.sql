-- 029_login_codes.sql - an owner logs in, or resets the password, with a
-- 6-digit code sent by SMS (issue 11, "Login codes").
--
-- One row per code asked for, whether the phone is an owner's or not:
-- the limits count every request alike, so that they tell nobody which
-- phones are registered (estate_id and owner_id are NULL for a phone no
-- owner has, and nothing is sent to it). The code itself is never kept:
-- code_hash is SHA-256 over the row's salt, the phone and the code
-- (core/logincode.c); the SMS the outbox sends carries it.
--
-- A code lives 5 minutes (expires_at), allows 5 wrong tries (tries) and
-- is spent by the first right one (used_at). Only the phone's latest
-- code of a purpose counts. The limits: per phone 1 request a minute
-- and 5 an hour, per client address 20 an hour (login_codes_phone,
-- login_codes_ip).
CREATE TABLE login_codes (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NULL,                 -- the owner's; NULL: no owner
  owner_id    BIGINT NULL,
  phone       VARCHAR(20) NOT NULL,        -- 11 digits, as owners.phone
  purpose     ENUM('login','reset') NOT NULL,
  salt        CHAR(32) CHARACTER SET ascii NOT NULL,
  code_hash   CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  tries       INT NOT NULL DEFAULT 0,      -- wrong codes typed
  used_at     DATETIME(6) NULL,
  ip          VARCHAR(45) NOT NULL,
  PRIMARY KEY (id),
  KEY login_codes_phone (phone, created_at),
  KEY login_codes_ip (ip, created_at),
  KEY login_codes_estate (estate_id, created_at),
  CONSTRAINT login_codes_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT login_codes_owner FOREIGN KEY (owner_id) REFERENCES owners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
