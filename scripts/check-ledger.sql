-- check-ledger.sql - the books must add up. Each query is one check and
-- returns its name, how many rows break it (0 is good) and one example.

SELECT 'every bill''s status follows its allocations and waiver',
  COUNT(*), COALESCE(MIN(b.id), '')
FROM bills b
LEFT JOIN (SELECT bill_id, SUM(amount_fen) AS paid FROM allocations
           GROUP BY bill_id) a ON a.bill_id = b.id
LEFT JOIN waivers w ON w.bill_id = b.id
WHERE NOT (
  (b.status = 'waived' AND w.id IS NOT NULL
     AND COALESCE(a.paid, 0) + w.amount_fen = b.amount_fen)
  OR (b.status = 'paid' AND w.id IS NULL AND COALESCE(a.paid, 0) = b.amount_fen)
  OR (b.status = 'partial'
     AND COALESCE(a.paid, 0) + COALESCE(w.amount_fen, 0) > 0
     AND COALESCE(a.paid, 0) + COALESCE(w.amount_fen, 0) < b.amount_fen)
  OR (b.status = 'unpaid' AND w.id IS NULL AND COALESCE(a.paid, 0) = 0));

SELECT 'for every household, billed - paid - waived = owed',
  COUNT(*), COALESCE(MIN(x.premises_id), '')
FROM (
  SELECT b.premises_id,
    SUM(b.amount_fen) AS billed,
    SUM(COALESCE(a.paid, 0)) AS paid,
    SUM(COALESCE(w.amount_fen, 0)) AS waived,
    SUM(CASE WHEN b.status IN ('unpaid', 'partial')
        THEN b.amount_fen - COALESCE(a.paid, 0) - COALESCE(w.amount_fen, 0)
        ELSE 0 END) AS owed
  FROM bills b
  LEFT JOIN (SELECT bill_id, SUM(amount_fen) AS paid FROM allocations
             GROUP BY bill_id) a ON a.bill_id = b.id
  LEFT JOIN waivers w ON w.bill_id = b.id
  GROUP BY b.premises_id) x
WHERE x.billed - x.paid - x.waived <> x.owed;

SELECT 'allocations never exceed their payment',
  COUNT(*), COALESCE(MIN(p.id), '')
FROM payments p
LEFT JOIN (SELECT payment_id, SUM(amount_fen) AS given FROM allocations
           GROUP BY payment_id) a ON a.payment_id = p.id
WHERE (p.amount_fen >= 0 AND (COALESCE(a.given, 0) < 0
       OR COALESCE(a.given, 0) > p.amount_fen))
   OR (p.amount_fen < 0 AND (COALESCE(a.given, 0) > 0
       OR COALESCE(a.given, 0) < p.amount_fen));

SELECT 'allocations stay within one household and estate',
  COUNT(*), COALESCE(MIN(a.id), '')
FROM allocations a JOIN payments p ON p.id = a.payment_id
JOIN bills b ON b.id = a.bill_id
WHERE p.premises_id <> b.premises_id OR a.estate_id <> p.estate_id
   OR a.estate_id <> b.estate_id
   OR (a.source = 'reversal') <> (p.reverses_id IS NOT NULL);

SELECT 'receipt numbers run 1, 2, 3 ... per estate and year, without gaps',
  COUNT(*), COALESCE(MIN(CONCAT(x.estate_id, '/', x.year)), '')
FROM (
  SELECT r.estate_id, r.year, COUNT(*) AS n, MIN(r.seq) AS lo,
    MAX(r.seq) AS hi, COUNT(DISTINCT r.seq) AS d
  FROM receipts r GROUP BY r.estate_id, r.year) x
LEFT JOIN receipt_counters c ON c.estate_id = x.estate_id AND c.year = x.year
WHERE x.lo <> 1 OR x.hi <> x.n OR x.d <> x.n OR c.last_seq IS NULL
   OR c.last_seq <> x.hi;

SELECT 'receipt numbers read estate-year-sequence',
  COUNT(*), COALESCE(MIN(r.id), '')
FROM receipts r JOIN estates e ON e.id = r.estate_id
WHERE r.number <> CONCAT(e.code, '-', r.year, '-', LPAD(r.seq, 6, '0'));

SELECT 'every payment has exactly one receipt (a reversal: its void)',
  COUNT(*), COALESCE(MIN(p.id), '')
FROM payments p
WHERE (p.reverses_id IS NULL AND
       (SELECT COUNT(*) FROM receipts r WHERE r.payment_id = p.id) <> 1)
   OR (p.reverses_id IS NOT NULL AND (
       (SELECT COUNT(*) FROM receipts r WHERE r.payment_id = p.id) <> 0
       OR (SELECT COUNT(*) FROM receipt_voids v JOIN receipts r
           ON r.id = v.receipt_id WHERE v.reversal_payment_id = p.id
           AND r.payment_id = p.reverses_id) <> 1
       OR p.amount_fen <> -(SELECT q.amount_fen FROM payments q
                            WHERE q.id = p.reverses_id)));

SELECT 'prepaid_open lists exactly the payments with money left',
  COUNT(*), COALESCE(MIN(p.id), '')
FROM payments p
LEFT JOIN (SELECT payment_id, SUM(amount_fen) AS given FROM allocations
           GROUP BY payment_id) a ON a.payment_id = p.id
LEFT JOIN prepaid_open o ON o.payment_id = p.id
WHERE p.reverses_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM payments rv WHERE rv.reverses_id = p.id)
  AND ((o.payment_id IS NULL) = (COALESCE(a.given, 0) < p.amount_fen));

SELECT 'no household holds prepaid money beside an open bill',
  COUNT(*), COALESCE(MIN(o.premises_id), '')
FROM prepaid_open o
WHERE EXISTS (SELECT 1 FROM bills b WHERE b.premises_id = o.premises_id
              AND b.status IN ('unpaid', 'partial'));
