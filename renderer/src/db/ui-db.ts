/**
 * Dexie holds only non-sensitive UI state (docs/architecture.md §10, docs/architecture.md, principle 13): IndexedDB is not
 * encrypted at rest and Chromium's LevelDB logs keep old values. So: recently opened cases as
 * case id + case number only, saved list filters as status only (never free-text searches), and
 * UI preferences. No party name, ID number, account or balance is ever written here.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Lang } from '../i18n/dict';

export interface RecentCase {
  caseId: string;
  number: string;
  /** ISO instant, for ordering */
  openedAt: string;
}

export type CaseStatusFilter = 'open' | 'closed' | 'all';

export interface SavedFilter {
  /** which list the filter belongs to, e.g. "caseList" */
  id: string;
  status: CaseStatusFilter;
}

export type Pref = { key: 'lang'; value: Lang };

export const DB_NAME = 'chakong-ui';
export const RECENT_LIMIT = 12;

export class UiDb extends Dexie {
  recentCases!: EntityTable<RecentCase, 'caseId'>;
  savedFilters!: EntityTable<SavedFilter, 'id'>;
  prefs!: EntityTable<Pref, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      recentCases: '&caseId, openedAt',
      prefs: '&key',
    });
    // v2: saved list filters; and recent entries are cut down to the three allowed fields, so that
    // nothing an older build may have stored beside them survives the upgrade.
    this.version(2)
      .stores({
        recentCases: '&caseId, openedAt',
        savedFilters: '&id',
        prefs: '&key',
      })
      .upgrade((tx) =>
        tx
          .table('recentCases')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            for (const k of Object.keys(row)) {
              if (k !== 'caseId' && k !== 'number' && k !== 'openedAt') delete row[k];
            }
          }),
      );
  }
}

export const db = new UiDb();

/** Records an opened case: the id and the case number, nothing else. */
export async function rememberRecentCase(c: { caseId: string; number: string }, now = new Date()): Promise<void> {
  const row: RecentCase = { caseId: c.caseId, number: c.number, openedAt: now.toISOString() };
  await db.transaction('rw', db.recentCases, async () => {
    await db.recentCases.put(row);
    const stale = await db.recentCases.orderBy('openedAt').reverse().offset(RECENT_LIMIT).primaryKeys();
    if (stale.length) await db.recentCases.bulkDelete(stale);
  });
}

export function recentCases(): Promise<RecentCase[]> {
  return db.recentCases.orderBy('openedAt').reverse().limit(RECENT_LIMIT).toArray();
}

/**
 * Opens IndexedDB ahead of its first read, so that the case list's saved filter is read while the
 * boot's calls are on the wire rather than after them. Harmless when IndexedDB is unavailable: the
 * reads then fail as they would have.
 */
export function openUiDbEarly(): void {
  db.open().catch(() => undefined);
}

export async function saveStatusFilter(listId: string, status: CaseStatusFilter): Promise<void> {
  await db.savedFilters.put({ id: listId, status });
}

export async function savedStatusFilter(listId: string): Promise<CaseStatusFilter | null> {
  const f = await db.savedFilters.get(listId);
  return f ? f.status : null;
}

export async function saveLang(lang: Lang): Promise<void> {
  await db.prefs.put({ key: 'lang', value: lang });
}

export async function savedLang(): Promise<Lang | null> {
  const p = await db.prefs.get('lang');
  return p ? p.value : null;
}

/** Tests: empty every table. */
export async function clearUiDb(): Promise<void> {
  await Promise.all(db.tables.map((t) => t.clear()));
}
