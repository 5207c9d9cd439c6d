-- 013_estate_hours.sql - the service centre's opening hours, shown with
-- its phone on every owner page and on each bill (issue 8: an owner
-- sees whom to call and when). Free text as the manager writes it on
-- the settings page, e.g. "每天 8:00-18:00（午休 12:00-13:30）"; empty
-- until set, and the owner pages then leave the line out.

ALTER TABLE estates
  ADD COLUMN opening_hours VARCHAR(100) NOT NULL DEFAULT '' AFTER phone;
