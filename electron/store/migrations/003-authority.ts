/**
 * Version 3: authority (docs/authority.md). The officer register's five roles and the team of a
 * clerk or assistant (the judges whose cases he prepares); each case's 承办人 from the
 * case-management system; and a filing entered by hand, which stays pending until that system
 * confirms its number, court and parties (docs/domain.md rule 15).
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE officers_v3 (
  code              TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  court             TEXT NOT NULL,
  role              TEXT NOT NULL CHECK (role IN ('clerk', 'assistant', 'judge', 'chief', 'director')),
  -- JSON array of officer codes: the judges a clerk or an assistant works for
  team              TEXT NOT NULL DEFAULT '[]',
  password_verifier TEXT,
  updated_at        TEXT NOT NULL
) STRICT;
INSERT INTO officers_v3 (code, name, court, role, password_verifier, updated_at)
  SELECT code, name, court, role, password_verifier, updated_at FROM officers;
DROP TABLE officers;
ALTER TABLE officers_v3 RENAME TO officers;

-- the judge the case-management system assigned (承办人); NULL until it says
ALTER TABLE cases ADD COLUMN assignee TEXT;
-- who entered a filing by hand (NULL for cases that came from the case-management system)
ALTER TABLE cases ADD COLUMN entered_by TEXT;
-- pending: entered here, not yet confirmed; confirmed: the system knows it; refused: it does not
ALTER TABLE cases ADD COLUMN filing TEXT NOT NULL DEFAULT 'confirmed' CHECK (filing IN ('pending', 'confirmed', 'refused'));
-- the system's answer when it refused or corrected a filing, in the judge's words
ALTER TABLE cases ADD COLUMN filing_note TEXT;
CREATE INDEX cases_assignee ON cases (assignee, filed_on DESC);
`;

export const migration003: Migration = { version: 3, name: 'roles, teams, case assignment and pending filings', up: (db) => void db.exec(SQL) };
