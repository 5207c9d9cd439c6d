-- 048_import.sql - CSV import of an estate (issue 13): premises, owners
-- and their links, opening arrears (bills), each file checked whole and
-- imported in one
-- transaction, set-based (core/import.c).
--
-- import_batches: one row per file imported (the page's history and the
-- answer a form sent twice gets: once.h's made).
CREATE TABLE import_batches (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NOT NULL,
  kind        ENUM('premises','owners','arrears') NOT NULL,
  file_name   VARCHAR(200) NOT NULL DEFAULT '',
  encoding    ENUM('utf8','gb18030') NOT NULL,
  rows_total  INT NOT NULL DEFAULT 0,
  rows_new    INT NOT NULL DEFAULT 0,       -- rows that changed something
  rows_same   INT NOT NULL DEFAULT 0,       -- imported before: left alone
  staff_id    BIGINT NOT NULL,
  at          DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY import_batches_estate (estate_id, at),
  CONSTRAINT import_batches_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT import_batches_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The external key of every imported record (a column of each file): a
-- second import of the row finds it here and changes nothing; row_hash
-- is the SHA-256 of the row's fields as imported, so a row changed since
-- is told apart from one sent again.
CREATE TABLE import_keys (
  estate_id  BIGINT NOT NULL,
  kind       ENUM('premises','owners','arrears') NOT NULL,
  ext_key    VARCHAR(64) NOT NULL,
  entity_id  BIGINT NOT NULL,
  row_hash   CHAR(64) CHARACTER SET ascii NOT NULL,
  batch_id   BIGINT NOT NULL,
  PRIMARY KEY (estate_id, kind, ext_key),
  KEY import_keys_entity (kind, entity_id),
  CONSTRAINT import_keys_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT import_keys_batch FOREIGN KEY (batch_id) REFERENCES import_batches (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The parsed rows of a file while it is checked and imported: written
-- with multi-row INSERTs, checked with joins, copied with INSERT ...
-- SELECT and deleted, all in the import's one transaction (a dry run
-- rolls it back), so no row outlives it. The columns are generic; what
-- each holds per kind is core/import.c's.
CREATE TABLE import_stage (
  batch_id  BIGINT NOT NULL,
  line      INT NOT NULL,
  k         VARCHAR(64) NOT NULL,
  a         VARCHAR(64) NOT NULL DEFAULT '',
  b         VARCHAR(64) NOT NULL DEFAULT '',
  c         VARCHAR(64) NOT NULL DEFAULT '',
  d         VARCHAR(64) NOT NULL DEFAULT '',
  x1        BIGINT NULL,
  x2        BIGINT NULL,
  x3        BIGINT NULL,
  PRIMARY KEY (batch_id, line),
  KEY import_stage_k (batch_id, k),
  KEY import_stage_abc (batch_id, a, b, c),
  KEY import_stage_b (batch_id, b)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
