-- 012_form_flash.sql - post/redirect/get for a form sent with mistakes
-- (issue 8): the page that answered the POST (the form with its messages)
-- is kept a short while for the session, and the browser is sent to the
-- form's own page, which shows it. Reloading or going Back never sends
-- the form again and never answers 405. Not a money record: rows older
-- than an hour are deleted.

CREATE TABLE form_flash (
  id            CHAR(32) CHARACTER SET ascii NOT NULL,
  session_id    BIGINT NOT NULL,
  path          VARCHAR(1024) NOT NULL,   -- the page that shows it
  status        SMALLINT NOT NULL,
  content_type  VARCHAR(64) NOT NULL,
  body          MEDIUMTEXT NOT NULL,
  created_at    DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY form_flash_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
