-- bench-data.sql - the large data set of make bench, built set-based.
-- 200 estates of 1,000 premises (200,000), each with an owner, five fee
-- items, three years of monthly property-fee bills (7.2 million) that
-- are mostly paid (a payment per household and year, its allocations and
-- receipt), and arrears in one household of eight.
-- scripts/bench.sh runs the first part once, then the per-estate part
-- for each range of estates with @lo and @hi set.

-- @@ALL
SET foreign_key_checks = 0, unique_checks = 0;
INSERT INTO estates (id, code, name, service_centre)
SELECT seq, CONCAT('B', LPAD(seq, 3, '0')), CONCAT('基准小区', seq),
  CONCAT('基准小区', seq, '物业服务中心') FROM seq_1_to_200;
INSERT INTO billing_cycles (estate_id, occupancy, months)
SELECT e.seq, o.occ, 1 FROM seq_1_to_200 e,
  (SELECT 'occupied' AS occ UNION ALL SELECT 'vacant' UNION ALL SELECT 'shop') o;
INSERT INTO buildings (id, estate_id, name, sort)
SELECT (e.seq - 1) * 10 + b.seq, e.seq, CONCAT(b.seq, '栋'), b.seq
FROM seq_1_to_200 e, seq_1_to_10 b;
INSERT INTO premises (id, estate_id, building_id, unit, room, floor, area_x100,
  occupancy)
SELECT (e.seq - 1) * 1000 + n.seq, e.seq, (e.seq - 1) * 10 + (n.seq - 1) DIV 100 + 1,
  ((n.seq - 1) MOD 100) DIV 25 + 1,
  CONCAT((n.seq - 1) MOD 25 DIV 2 + 1, LPAD((n.seq - 1) MOD 2 + 1, 2, '0')),
  (n.seq - 1) MOD 25 DIV 2 + 1, 6000 + (n.seq * 37) MOD 9000,
  CASE WHEN n.seq MOD 20 = 0 THEN 'shop' WHEN n.seq MOD 7 = 0 THEN 'vacant'
  ELSE 'occupied' END
FROM seq_1_to_200 e, seq_1_to_1000 n;
INSERT INTO owners (id, estate_id, name, phone, birth_year, password_hash)
SELECT id, estate_id, CONCAT('业主', id), CONCAT('139', LPAD(id, 8, '0')),
  1940 + id MOD 60, @hash FROM premises;
INSERT INTO premises_owners (premises_id, owner_id, estate_id, is_primary)
SELECT id, id, estate_id, 1 FROM premises;
INSERT INTO fee_items (id, estate_id, code, name, basis, sort)
SELECT (e.seq - 1) * 5 + i.seq, e.seq, ELT(i.seq, 'WYF', 'NH', 'LJ', 'GS', 'DT'),
  ELT(i.seq, '物业费', '公共能耗分摊', '垃圾清运费', '二次供水费', '电梯运行费'),
  ELT(i.seq, 'area', 'area', 'fixed', 'fixed', 'area'), i.seq
FROM seq_1_to_200 e, seq_1_to_5 i;
INSERT INTO fee_rates (estate_id, fee_item_id, occupancy, rate_fen, from_period)
SELECT f.estate_id, f.id, o.occ,
  CASE f.code
    WHEN 'WYF' THEN ELT(o.k, 250, 175, 500)
    WHEN 'NH' THEN ELT(o.k, 30, 20, 40)
    WHEN 'LJ' THEN ELT(o.k, 1500, 1000, 3000)
    WHEN 'GS' THEN ELT(o.k, 800, 500, 1200)
    ELSE ELT(o.k, 20, 15, 20) END, '2020-01-01'
FROM fee_items f, (SELECT 1 AS k, 'occupied' AS occ UNION ALL SELECT 2, 'vacant'
  UNION ALL SELECT 3, 'shop') o;
INSERT INTO staff (id, username, name, role, all_estates, password_hash) VALUES
  (1, 'bench_admin', '基准管理员', 'admin', 1, @hash),
  (2, 'bench_lead', '基准组长', 'team_lead', 0, @hash);
INSERT INTO staff_estates (staff_id, estate_id) VALUES (2, 1);

-- @@RANGE
SET foreign_key_checks = 0, unique_checks = 0;
SET @month = DATE_FORMAT(CURDATE(), '%Y-%m-01');
INSERT INTO bills (estate_id, premises_id, fee_item_id, period_start,
  period_months, amount_fen, due_date, status, created_at)
SELECT p.estate_id, p.id, (p.estate_id - 1) * 5 + 1, m.d, 1,
  ROUND(ELT(FIELD(p.occupancy, 'occupied', 'vacant', 'shop'), 250, 175, 500)
    * p.area_x100 / 100), LAST_DAY(m.d),
  CASE WHEN m.k = 0 AND p.id MOD 2 = 0 THEN 'unpaid'
       WHEN p.id MOD 8 = 0 AND m.k <= p.id MOD 17 THEN 'unpaid'
       ELSE 'paid' END, m.d
FROM premises p,
  (SELECT seq AS k, DATE_SUB(@month, INTERVAL seq MONTH) AS d FROM seq_0_to_35) m
WHERE p.estate_id BETWEEN @lo AND @hi;
INSERT INTO payments (estate_id, premises_id, payer_owner_id, payer_name,
  amount_fen, channel, paid_at, created_at)
SELECT b.estate_id, b.premises_id, b.premises_id, CONCAT('业主', b.premises_id),
  SUM(b.amount_fen), ELT(1 + b.premises_id MOD 4, 'alipay', 'wechat', 'cash',
  'pos_counter'), MAX(b.period_start) + INTERVAL 10 DAY + INTERVAL 9 HOUR,
  MAX(b.period_start) + INTERVAL 10 DAY + INTERVAL 9 HOUR
FROM bills b WHERE b.status = 'paid' AND b.estate_id BETWEEN @lo AND @hi
GROUP BY b.premises_id, YEAR(b.period_start);
INSERT INTO allocations (estate_id, payment_id, bill_id, amount_fen, source,
  created_at)
SELECT b.estate_id, p.id, b.id, b.amount_fen, 'payment', p.paid_at
FROM bills b JOIN payments p ON p.premises_id = b.premises_id
  AND YEAR(p.paid_at) = YEAR(b.period_start)
WHERE b.status = 'paid' AND b.estate_id BETWEEN @lo AND @hi;
INSERT INTO receipts (estate_id, year, seq, number, payment_id, verify_code,
  issued_at)
SELECT x.estate_id, x.year, x.seq,
  CONCAT(e.code, '-', x.year, '-', LPAD(x.seq, 6, '0')), x.id,
  LEFT(SHA2(CONCAT(x.id, RAND()), 256), 24), x.paid_at
FROM (SELECT p.id, p.estate_id, YEAR(p.paid_at) AS year, p.paid_at,
  ROW_NUMBER() OVER (PARTITION BY p.estate_id, YEAR(p.paid_at) ORDER BY p.id) AS seq
  FROM payments p WHERE p.estate_id BETWEEN @lo AND @hi) x
JOIN estates e ON e.id = x.estate_id;
INSERT INTO receipt_counters (estate_id, year, last_seq)
SELECT estate_id, year, MAX(seq) FROM receipts
WHERE estate_id BETWEEN @lo AND @hi GROUP BY estate_id, year;
