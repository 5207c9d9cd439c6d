-- 018_form_flash_session.sql - a session's kept form answers are found by
-- the session (issue 8): a form that succeeds spends them (flash.h), so
-- Back never shows an old error page with what has changed since. The
-- key keeps that DELETE to the session's own rows. Before login the
-- session_id column holds a negative key drawn from the login form's
-- cookie (a failed login is kept for that browser alone).

ALTER TABLE form_flash ADD KEY form_flash_session (session_id);
