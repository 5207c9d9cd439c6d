-- 001_schema.sql - the estate, its people and its money.
--
-- Conventions: InnoDB, utf8mb4; every table has a primary key; every
-- table whose rows belong to an estate has estate_id; money is BIGINT fen;
-- money rows are never updated or deleted (triggers in 002 enforce it);
-- no LOCK TABLES anywhere, so this runs on a Galera cluster.

CREATE TABLE estates (
  id              BIGINT NOT NULL AUTO_INCREMENT,
  code            VARCHAR(16) NOT NULL,          -- receipt number prefix
  name            VARCHAR(100) NOT NULL,
  service_centre  VARCHAR(100) NOT NULL,
  address         VARCHAR(200) NOT NULL DEFAULT '',
  phone           VARCHAR(32) NOT NULL DEFAULT '',
  -- arrears tiers (DOMAIN.md): red > red_months and > red_fen, yellow from
  -- yellow_months, green from green_months
  tier_red_months     INT NOT NULL DEFAULT 12,
  tier_red_fen        BIGINT NOT NULL DEFAULT 500000,
  tier_yellow_months  INT NOT NULL DEFAULT 6,
  tier_green_months   INT NOT NULL DEFAULT 1,
  created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY estates_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE buildings (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NOT NULL,
  name        VARCHAR(32) NOT NULL,               -- 3栋, 商业街
  sort        INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY buildings_name (estate_id, name),
  CONSTRAINT buildings_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE premises (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  building_id  BIGINT NOT NULL,
  unit         VARCHAR(16) NOT NULL DEFAULT '',   -- '2' for 2单元; '' for shops
  room         VARCHAR(16) NOT NULL,              -- '301', 'A12'
  floor        INT NOT NULL DEFAULT 1,
  area_x100    INT NOT NULL,                      -- floor area in m2 x 100
  occupancy    ENUM('occupied','vacant','shop') NOT NULL,
  created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY premises_room (building_id, unit, room),
  KEY premises_estate (estate_id, occupancy),
  CONSTRAINT premises_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT premises_building FOREIGN KEY (building_id) REFERENCES buildings (id),
  CONSTRAINT premises_area CHECK (area_x100 > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE owners (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  name           VARCHAR(50) NOT NULL,
  phone          VARCHAR(20) NOT NULL,            -- portal login
  birth_year     SMALLINT NULL,
  notify_sms     TINYINT(1) NOT NULL DEFAULT 1,
  notify_wechat  TINYINT(1) NOT NULL DEFAULT 0,
  notify_app     TINYINT(1) NOT NULL DEFAULT 0,
  password_hash  VARCHAR(128) NULL,               -- NULL: portal not opened
  created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY owners_phone (phone),
  KEY owners_name (estate_id, name),
  CONSTRAINT owners_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE premises_owners (
  premises_id  BIGINT NOT NULL,
  owner_id     BIGINT NOT NULL,
  estate_id    BIGINT NOT NULL,
  is_primary   TINYINT(1) NOT NULL DEFAULT 1,
  since        DATE NULL,
  PRIMARY KEY (premises_id, owner_id),
  KEY premises_owners_owner (owner_id),
  KEY premises_owners_estate (estate_id),
  CONSTRAINT po_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT po_owner FOREIGN KEY (owner_id) REFERENCES owners (id),
  CONSTRAINT po_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  username       VARCHAR(32) NOT NULL,
  name           VARCHAR(50) NOT NULL,
  phone          VARCHAR(20) NOT NULL DEFAULT '',
  role           ENUM('collector','team_lead','customer_service',
                      'engineering','manager','admin') NOT NULL,
  all_estates    TINYINT(1) NOT NULL DEFAULT 0,   -- company-wide scope
  active         TINYINT(1) NOT NULL DEFAULT 1,
  password_hash  VARCHAR(128) NOT NULL,
  created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY staff_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff_estates (
  staff_id   BIGINT NOT NULL,
  estate_id  BIGINT NOT NULL,
  PRIMARY KEY (staff_id, estate_id),
  KEY staff_estates_estate (estate_id),
  CONSTRAINT se_staff FOREIGN KEY (staff_id) REFERENCES staff (id),
  CONSTRAINT se_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What is charged: property fee per m2 per month, rent per period, water
-- and electricity per meter unit, custody by agreement.
CREATE TABLE fee_items (
  id         BIGINT NOT NULL AUTO_INCREMENT,
  estate_id  BIGINT NOT NULL,
  code       VARCHAR(32) NOT NULL,
  name       VARCHAR(50) NOT NULL,
  basis      ENUM('area','fixed','meter','agreement') NOT NULL,
  unit_name  VARCHAR(16) NOT NULL DEFAULT '',     -- 吨, 度 for meters
  sort       INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY fee_items_code (estate_id, code),
  CONSTRAINT fee_items_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A rate per occupancy, in force from a period on; a new rate is a new
-- row, so bills already made never change.
CREATE TABLE fee_rates (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  fee_item_id  BIGINT NOT NULL,
  occupancy    ENUM('occupied','vacant','shop') NOT NULL,
  rate_fen     BIGINT NOT NULL,   -- per m2 per month, per period, or per unit
  from_period  DATE NOT NULL,     -- first day of the first month it applies
  created_by   BIGINT NULL,
  created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY fee_rates_from (fee_item_id, occupancy, from_period),
  KEY fee_rates_estate (estate_id),
  CONSTRAINT fee_rates_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT fee_rates_item FOREIGN KEY (fee_item_id) REFERENCES fee_items (id),
  CONSTRAINT fee_rates_positive CHECK (rate_fen >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Homes monthly, shops quarterly (per estate and occupancy).
CREATE TABLE billing_cycles (
  estate_id  BIGINT NOT NULL,
  occupancy  ENUM('occupied','vacant','shop') NOT NULL,
  months     TINYINT NOT NULL,
  PRIMARY KEY (estate_id, occupancy),
  CONSTRAINT billing_cycles_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT billing_cycles_months CHECK (months IN (1, 3))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One bill per premises, fee item and period. Its amount never changes;
-- its status follows the allocations and waivers made against it.
CREATE TABLE bills (
  id             BIGINT NOT NULL AUTO_INCREMENT,
  estate_id      BIGINT NOT NULL,
  premises_id    BIGINT NOT NULL,
  fee_item_id    BIGINT NOT NULL,
  period_start   DATE NOT NULL,
  period_months  TINYINT NOT NULL DEFAULT 1,
  amount_fen     BIGINT NOT NULL,
  due_date       DATE NOT NULL,
  status         ENUM('unpaid','partial','paid','waived') NOT NULL DEFAULT 'unpaid',
  quantity_x100  BIGINT NULL,            -- meter units x 100, for meter items
  run_id         BIGINT NULL,
  created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY bills_once (premises_id, fee_item_id, period_start),
  KEY bills_open (estate_id, status, due_date),
  KEY bills_premises (premises_id, period_start),
  CONSTRAINT bills_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT bills_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT bills_item FOREIGN KEY (fee_item_id) REFERENCES fee_items (id),
  CONSTRAINT bills_amount CHECK (amount_fen >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Money received. A correction is a new row with reverses_id set and the
-- negated amount.
CREATE TABLE payments (
  id              BIGINT NOT NULL AUTO_INCREMENT,
  estate_id       BIGINT NOT NULL,
  premises_id     BIGINT NOT NULL,
  payer_owner_id  BIGINT NULL,
  payer_name      VARCHAR(50) NOT NULL DEFAULT '',
  amount_fen      BIGINT NOT NULL,
  channel         ENUM('cash','pos_counter','pos_door','alipay','wechat',
                       'unionpay','service_credit','prepaid') NOT NULL,
  channel_sub     VARCHAR(32) NOT NULL DEFAULT '',  -- e.g. credit-card instalments
  collector_id    BIGINT NULL,
  paid_at         DATETIME NOT NULL,
  reverses_id     BIGINT NULL,
  form_token      VARCHAR(64) NULL,                 -- one payment per form
  note            VARCHAR(200) NOT NULL DEFAULT '',
  created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY payments_form (form_token),
  UNIQUE KEY payments_reverses (reverses_id),
  KEY payments_estate (estate_id, paid_at),
  KEY payments_premises (premises_id, paid_at),
  KEY payments_owner (payer_owner_id),
  CONSTRAINT payments_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT payments_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT payments_owner FOREIGN KEY (payer_owner_id) REFERENCES owners (id),
  CONSTRAINT payments_collector FOREIGN KEY (collector_id) REFERENCES staff (id),
  CONSTRAINT payments_reverse FOREIGN KEY (reverses_id) REFERENCES payments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which bills a payment paid, and how much of each.
CREATE TABLE allocations (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NOT NULL,
  payment_id  BIGINT NOT NULL,
  bill_id     BIGINT NOT NULL,
  amount_fen  BIGINT NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY allocations_bill (bill_id),
  KEY allocations_payment (payment_id),
  KEY allocations_estate (estate_id),
  CONSTRAINT allocations_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT allocations_payment FOREIGN KEY (payment_id) REFERENCES payments (id),
  CONSTRAINT allocations_bill FOREIGN KEY (bill_id) REFERENCES bills (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Receipt numbers per estate and year, without gaps: the counter row is
-- locked and advanced inside the payment's transaction.
CREATE TABLE receipt_counters (
  estate_id  BIGINT NOT NULL,
  year       SMALLINT NOT NULL,
  last_seq   INT NOT NULL DEFAULT 0,
  PRIMARY KEY (estate_id, year),
  CONSTRAINT receipt_counters_estate FOREIGN KEY (estate_id) REFERENCES estates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE receipts (
  id           BIGINT NOT NULL AUTO_INCREMENT,
  estate_id    BIGINT NOT NULL,
  year         SMALLINT NOT NULL,
  seq          INT NOT NULL,
  number       VARCHAR(32) NOT NULL,
  payment_id   BIGINT NOT NULL,
  verify_code  VARCHAR(32) NOT NULL,   -- public verification, >= 80 random bits
  issued_at    DATETIME NOT NULL,
  issued_by    BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY receipts_seq (estate_id, year, seq),
  UNIQUE KEY receipts_number (number),
  UNIQUE KEY receipts_payment (payment_id),
  UNIQUE KEY receipts_code (verify_code),
  CONSTRAINT receipts_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT receipts_payment FOREIGN KEY (payment_id) REFERENCES payments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only: who did what to which money, when.
CREATE TABLE audit_log (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NULL,
  actor_kind  ENUM('owner','staff','system') NOT NULL,
  actor_id    BIGINT NULL,
  action      VARCHAR(40) NOT NULL,
  entity      VARCHAR(40) NOT NULL,
  entity_id   BIGINT NULL,
  amount_fen  BIGINT NULL,
  detail      VARCHAR(1000) NOT NULL DEFAULT '',
  ip          VARCHAR(45) NOT NULL DEFAULT '',
  at          DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY audit_estate (estate_id, at),
  KEY audit_entity (entity, entity_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
  id            BIGINT NOT NULL AUTO_INCREMENT,
  token_hash    CHAR(64) CHARACTER SET ascii NOT NULL,  -- SHA-256 of the cookie
  kind          ENUM('owner','staff') NOT NULL,
  user_id       BIGINT NOT NULL,
  csrf          CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at    DATETIME NOT NULL,
  last_seen_at  DATETIME NOT NULL,
  ip            VARCHAR(45) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE KEY sessions_token (token_hash),
  KEY sessions_user (kind, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE login_attempts (
  id     BIGINT NOT NULL AUTO_INCREMENT,
  kind   ENUM('owner','staff') NOT NULL,
  login  VARCHAR(64) NOT NULL,
  ip     VARCHAR(45) NOT NULL,
  ok     TINYINT(1) NOT NULL,
  at     DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY login_attempts_login (kind, login, at),
  KEY login_attempts_ip (ip, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
