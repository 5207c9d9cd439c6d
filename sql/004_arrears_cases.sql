-- 004_arrears_cases.sql - who chases which household, case files
-- (一户一策) with their contacts and promises, and the estate's targets.

-- KPI targets per estate (DOMAIN.md: 2026 plan): collection rate and
-- historical-arrears recovery in basis points, satisfaction out of 100.
ALTER TABLE estates
  ADD COLUMN target_collection_bp INT NOT NULL DEFAULT 9700,
  ADD COLUMN target_recovery_bp INT NOT NULL DEFAULT 8000,
  ADD COLUMN target_satisfaction INT NOT NULL DEFAULT 95;

-- The collector a team lead gave a household to.
CREATE TABLE assignments (
  premises_id   BIGINT NOT NULL,
  estate_id     BIGINT NOT NULL,
  collector_id  BIGINT NOT NULL,
  assigned_by   BIGINT NOT NULL,
  assigned_at   DATETIME NOT NULL,
  PRIMARY KEY (premises_id),
  KEY assignments_by_collector (estate_id, collector_id),
  CONSTRAINT assignments_premises FOREIGN KEY (premises_id) REFERENCES premises (id),
  CONSTRAINT assignments_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT assignments_collector FOREIGN KEY (collector_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One household, one strategy: why it does not pay, the plan, the outcome.
CREATE TABLE case_files (
  id              BIGINT NOT NULL AUTO_INCREMENT,
  estate_id       BIGINT NOT NULL,
  premises_id     BIGINT NOT NULL,
  cause_category  ENUM('service_complaint','financial_hardship','area_dispute',
                       'absent_owner','elderly_alone','renovation_dispute',
                       'other') NOT NULL,
  cause           VARCHAR(500) NOT NULL,
  plan            VARCHAR(1000) NOT NULL,
  status          ENUM('open','closed') NOT NULL DEFAULT 'open',
  outcome         VARCHAR(500) NOT NULL DEFAULT '',
  opened_by       BIGINT NOT NULL,
  opened_at       DATETIME NOT NULL,
  closed_by       BIGINT NULL,
  closed_at       DATETIME NULL,
  PRIMARY KEY (id),
  KEY case_files_by_premises (premises_id, status),
  KEY case_files_by_estate (estate_id, status),
  CONSTRAINT case_files_estate FOREIGN KEY (estate_id) REFERENCES estates (id),
  CONSTRAINT case_files_premises FOREIGN KEY (premises_id) REFERENCES premises (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE case_contacts (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NOT NULL,
  case_id     BIGINT NOT NULL,
  premises_id BIGINT NOT NULL,
  kind        ENUM('call','visit','sms','wechat') NOT NULL,
  contacted_at DATETIME NOT NULL,
  staff_id    BIGINT NOT NULL,
  outcome     VARCHAR(500) NOT NULL,
  PRIMARY KEY (id),
  KEY case_contacts_by_case (case_id, contacted_at),
  KEY case_contacts_premises (premises_id, contacted_at),
  CONSTRAINT case_contacts_case FOREIGN KEY (case_id) REFERENCES case_files (id),
  CONSTRAINT case_contacts_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A promise to pay an amount by a date; whether it was kept is read from
-- the payments made between the promise and its date.
CREATE TABLE case_promises (
  id          BIGINT NOT NULL AUTO_INCREMENT,
  estate_id   BIGINT NOT NULL,
  case_id     BIGINT NOT NULL,
  premises_id BIGINT NOT NULL,
  amount_fen  BIGINT NOT NULL,
  due_date    DATE NOT NULL,
  made_at     DATETIME NOT NULL,
  staff_id    BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY case_promises_by_case (case_id),
  CONSTRAINT case_promises_case FOREIGN KEY (case_id) REFERENCES case_files (id),
  CONSTRAINT case_promises_amount CHECK (amount_fen > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The KPI board reads payments by estate and time, and visits by date.
ALTER TABLE allocations ADD KEY allocations_created (estate_id, created_at);

-- The company-wide arrears board reads every estate's open bills.
ALTER TABLE bills ADD KEY bills_open_all (status, due_date);
