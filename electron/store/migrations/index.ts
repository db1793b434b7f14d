/**
 * Numbered schema migrations, one file per version (docs/architecture.md, principle 18). Each runs in its own transaction together with the bump of
 * PRAGMA user_version, so a crash leaves the database at the last complete version. Later
 * versions add tables (measures, documents, alerts …) as new entries at the end of MIGRATIONS;
 * a shipped entry is never edited.
 */
import type { Db } from '../db';
import type { Migration } from './migration';
import { migration001 } from './001-cases-outbox-audit';
import { migration002 } from './002-measures';
import { migration003 } from './003-authority';
import { migration004 } from './004-audit-checkpoints';
import { migration005 } from './005-decisions';
import { migration006 } from './006-court-account-proposals';
import { migration007 } from './007-document-voids';
import { migration008 } from './008-measure-claims';
import { migration009 } from './009-case-closing';
import { migration010 } from './010-exempt-property';
import { migration011 } from './011-particulars';
import { migration012 } from './012-document-measures';
import { migration013 } from './013-late-interest';
import { migration014 } from './014-measure-legal-basis';
import { migration015 } from './015-alerts-jobs-credit';
import { migration016 } from './016-credit-listings';
import { migration017 } from './017-terminal';
import { migration018 } from './018-leads-alert-scans';
import { migration019 } from './019-conduct-classifications';
import { migration020 } from './020-restrictions';
import { migration021 } from './021-whereabouts-control';
import { migration022 } from './022-debtor-payments';
import { migration023 } from './023-batch-query';
import { migration024 } from './024-distribution-valuation';
import { migration025 } from './025-closing-history';
import { migration026 } from './026-batch-notices';
import { migration027 } from './027-stored-closings';

export type { Migration };

/** 24 is taken by a migration on another branch; this stands in for it until it lands and is dropped then */

export const MIGRATIONS: readonly Migration[] = [
  migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015, migration016, migration017, migration018, migration019, migration020, migration021, migration022, migration023, migration024, migration025, migration026, migration027,
];

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

export class SchemaTooNewError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';
  constructor(readonly found: number, readonly known: number) {
    super(`database schema v${found} is newer than this program knows (v${known})`);
  }
}

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Applies every migration above the database's user_version, in order. Re-running is a no-op. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): MigrationReport {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name}: expected version ${i + 1}, got ${m.version}`);
  });
  const from = schemaVersion(db);
  const latest = migrations.length;
  // an older program must not write into a newer schema it does not understand
  if (from > latest) throw new SchemaTooNewError(from, latest);
  const applied: string[] = [];
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(`${m.version} ${m.name}`);
  }
  return { from, to: schemaVersion(db), applied };
}
