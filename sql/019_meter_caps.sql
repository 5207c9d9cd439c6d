-- 019_meter_caps.sql - the most a meter item may plausibly register in a
-- month (units x 100), per fee item. A reading whose usage exceeds it is
-- refused with the row and the limit named (a typed 99999999.99 made a
-- ¥345 million bill). NULL: the default for the item's unit, in
-- cgi-bin/staff/meters.c (500 吨 of water, 20,000 度 of electricity,
-- otherwise 10,000 units). Not a money row: a manager changes it on the
-- fees page.
ALTER TABLE fee_items
  ADD COLUMN usage_cap_x100 BIGINT NULL AFTER unit_name,
  ADD CONSTRAINT fee_items_usage_cap CHECK (usage_cap_x100 IS NULL OR usage_cap_x100 > 0);
