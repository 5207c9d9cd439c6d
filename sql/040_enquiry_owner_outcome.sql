-- 040_enquiry_owner_outcome.sql - the owner says in the portal whether
-- they accept an answer (issue 12, DOMAIN.md "Enquiries and disputes"; a
-- new user's trial: the answer stayed 待业主确认 until staff wrote a new
-- row, and the KPI board's acceptance share waited on it).
--
-- Such a row is the owner's own (owner_id), with no staff member; it is
-- appended like every answer (035's triggers refuse UPDATE and DELETE).
ALTER TABLE enquiry_answers
  MODIFY answered_by BIGINT NULL,
  ADD COLUMN owner_id BIGINT NULL AFTER answered_by,
  ADD CONSTRAINT enquiry_answers_owner FOREIGN KEY (owner_id) REFERENCES owners (id),
  ADD CONSTRAINT enquiry_answers_who CHECK (answered_by IS NOT NULL OR owner_id IS NOT NULL);
