-- 015_void_requests.sql - asking for a void (DOMAIN.md, Receipts: "a
-- collector asks, a team lead or manager approves, and nobody approves
-- the void of a payment they took themselves"). A request is open until
-- a team lead or manager approves it (the void itself is a
-- receipt_voids row, 003) or refuses it with a reason. Not a money
-- record: its status changes once, from open.
--
-- At most one open request per receipt: a unique key on a column that
-- holds the receipt only while the request is open (as case_files, 007).
CREATE TABLE void_requests (
  id               BIGINT NOT NULL AUTO_INCREMENT,
  estate_id        BIGINT NOT NULL,
  receipt_id       BIGINT NOT NULL,
  reason           VARCHAR(200) NOT NULL,
  requested_by     BIGINT NOT NULL,
  requested_at     DATETIME NOT NULL,
  status           ENUM('open','approved','refused') NOT NULL DEFAULT 'open',
  decided_by       BIGINT NULL,
  decided_at       DATETIME NULL,
  refusal          VARCHAR(200) NOT NULL DEFAULT '',
  open_receipt_id  BIGINT AS (CASE WHEN status = 'open' THEN receipt_id END) PERSISTENT,
  PRIMARY KEY (id),
  UNIQUE KEY void_requests_one_open (open_receipt_id),
  KEY void_requests_receipt (receipt_id, id),
  KEY void_requests_estate (estate_id, status, requested_at),
  CONSTRAINT void_requests_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT void_requests_receipt FOREIGN KEY (receipt_id) REFERENCES receipts (id),
  CONSTRAINT void_requests_by FOREIGN KEY (requested_by) REFERENCES staff (id),
  CONSTRAINT void_requests_decider FOREIGN KEY (decided_by) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
