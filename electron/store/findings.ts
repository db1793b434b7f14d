/**
 * What answered requests yielded: assets, whereabouts and information records, each tied to the
 * feedback (evidence) it came from. Row mapping and inserts; the write path is RequestRepo.saveFindings,
 * through the store's writer (writer.ts).
 */
import { randomUUID } from 'node:crypto';
import type { ChannelId } from '../../shared/domain/channels';
import type {
  Asset, AssetKind, AssetParticulars, ChannelRequest, ExistingFreeze, Findings, InfoKind, InfoRecord, Whereabouts, WhereaboutsKind,
} from '../../shared/domain/types';
import { assertFen } from '../../shared/money';
import type { SavedFindings } from '../engine/types';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db';

interface AssetRow {
  id: string; case_id: string; party_id: string; request_id: string; channel: ChannelId; kind: AssetKind;
  institution: string; identifier: string; description: string; value: number | null; available: number | null;
  existing_freezes: string; particulars: string | null; found_at: string; details: string | null;
}
interface WhereaboutsRow {
  id: string; case_id: string; party_id: string; request_id: string; channel: ChannelId; kind: WhereaboutsKind;
  place: string; at: string; detail: string; found_at: string;
}
interface InfoRow {
  id: string; case_id: string; party_id: string; request_id: string; channel: ChannelId; kind: InfoKind;
  summary: string; amount: number | null; found_at: string;
}

const toAsset = (r: AssetRow): Asset => {
  const a: Asset = {
    id: r.id, caseId: r.case_id, partyId: r.party_id, requestId: r.request_id, channel: r.channel, kind: r.kind,
    institution: r.institution, identifier: r.identifier, description: r.description,
    existingFreezes: JSON.parse(r.existing_freezes) as ExistingFreeze[], foundAt: r.found_at,
  };
  if (r.value !== null) a.value = r.value;
  if (r.available !== null) a.available = r.available;
  // absent (a database not yet migrated) or NULL (found before they were kept): none
  if (r.details != null) Object.assign(a, JSON.parse(r.details) as AssetDetails);
  if (r.particulars != null) a.particulars = JSON.parse(r.particulars) as AssetParticulars;
  return a;
};

const toWhereabouts = (r: WhereaboutsRow): Whereabouts => ({
  id: r.id, caseId: r.case_id, partyId: r.party_id, requestId: r.request_id, channel: r.channel, kind: r.kind,
  place: r.place, at: r.at, detail: r.detail, foundAt: r.found_at,
});

const toInfo = (r: InfoRow): InfoRecord => {
  const i: InfoRecord = {
    id: r.id, caseId: r.case_id, partyId: r.party_id, requestId: r.request_id, channel: r.channel, kind: r.kind,
    summary: r.summary, foundAt: r.found_at,
  };
  if (r.amount !== null) i.amount = r.amount;
  return i;
};

/** What an agency said of an asset beyond its value (migration 10, assets.details). */
type AssetDetails = Pick<Asset, 'usage' | 'withdrawal'>;

function detailsOf(a: AssetDetails): string | null {
  const d: AssetDetails = {};
  if (a.usage !== undefined) d.usage = a.usage;
  if (a.withdrawal !== undefined) d.withdrawal = a.withdrawal;
  return Object.keys(d).length ? JSON.stringify(d) : null;
}

const optFen = (v: number | undefined, what: string): number | null => (v === undefined ? null : assertFen(v, what));

/** Money in the particulars is integer fen like every other amount the store keeps. */
function checkedParticulars(p: AssetParticulars): AssetParticulars {
  if (p.kind === 'equity' && p.contribution !== undefined) assertFen(p.contribution, 'contribution');
  return p;
}

/** A statement prepared once on the connection (Writer.stmt). */
export type Prepared = (sql: string) => Database.Statement;

const INSERT_ASSET = `INSERT INTO assets (id, case_id, party_id, request_id, position, channel, kind, institution, identifier, description,
    value, available, existing_freezes, particulars, details, found_at)
  VALUES (@id, @case_id, @party_id, @request_id, @position, @channel, @kind, @institution, @identifier, @description,
    @value, @available, @existing_freezes, @particulars, @details, @found_at)`;
const INSERT_WHEREABOUTS = `INSERT INTO whereabouts (id, case_id, party_id, request_id, position, channel, kind, place, at, detail, found_at)
  VALUES (@id, @case_id, @party_id, @request_id, @position, @channel, @kind, @place, @at, @detail, @found_at)`;
const INSERT_INFO = `INSERT INTO info_records (id, case_id, party_id, request_id, position, channel, kind, summary, amount, found_at)
  VALUES (@id, @case_id, @party_id, @request_id, @position, @channel, @kind, @summary, @amount, @found_at)`;

/**
 * Inserts one request's findings (caller holds the transaction and has stored the feedback) and
 * returns them as stored, built from the rows written rather than read back: each is what
 * toAsset, toWhereabouts, toInfo make of its row.
 */
export function insertFindings(stmt: Prepared, req: ChannelRequest, f: Findings, foundAt: string): SavedFindings {
  const base = { case_id: req.caseId, party_id: req.partyId, request_id: req.id, channel: req.channel, found_at: foundAt };
  const asset = stmt(INSERT_ASSET);
  const assets = f.assets.map((a, position): Asset => {
    const row: AssetRow & { position: number } = {
      ...base, id: randomUUID(), position, kind: a.kind, institution: a.institution, identifier: a.identifier,
      description: a.description, value: optFen(a.value, 'value'), available: optFen(a.available, 'available'),
      existing_freezes: JSON.stringify(a.existingFreezes.map((x) => ({ ...x, amount: optFen(x.amount, 'freeze amount') ?? undefined }))),
      particulars: a.particulars ? JSON.stringify(checkedParticulars(a.particulars)) : null,
      details: detailsOf(a),
    };
    asset.run(row);
    return toAsset(row);
  });
  const where = stmt(INSERT_WHEREABOUTS);
  const whereabouts = f.whereabouts.map((w, position): Whereabouts => {
    const row: WhereaboutsRow & { position: number } = { ...base, id: randomUUID(), position, kind: w.kind, place: w.place, at: w.at, detail: w.detail };
    where.run(row);
    return toWhereabouts(row);
  });
  const info = stmt(INSERT_INFO);
  const infos = f.info.map((i, position): InfoRecord => {
    const row: InfoRow & { position: number } = { ...base, id: randomUUID(), position, kind: i.kind, summary: i.summary, amount: optFen(i.amount, 'amount') };
    info.run(row);
    return toInfo(row);
  });
  return { assets, whereabouts, info: infos };
}

export function findingsOfRequest(db: Db, requestId: string): SavedFindings {
  return {
    assets: db.prepare<[string], AssetRow>('SELECT * FROM assets WHERE request_id = ? ORDER BY position').all(requestId).map(toAsset),
    whereabouts: db.prepare<[string], WhereaboutsRow>('SELECT * FROM whereabouts WHERE request_id = ? ORDER BY position').all(requestId).map(toWhereabouts),
    info: db.prepare<[string], InfoRow>('SELECT * FROM info_records WHERE request_id = ? ORDER BY position').all(requestId).map(toInfo),
  };
}

/**
 * What the case's requests found. `requestIds` narrows it to those requests' findings in SQL, so
 * that a case re-queried many times does not read every superseded answer into memory.
 */
export function findingsOfCase(db: Db, caseId: string, requestIds?: readonly string[]): SavedFindings {
  const only = requestIds ? ' AND request_id IN (SELECT value FROM json_each(?))' : '';
  const args: string[] = requestIds ? [caseId, JSON.stringify(requestIds)] : [caseId];
  return {
    assets: db.prepare<string[], AssetRow>(`SELECT * FROM assets WHERE case_id = ?${only} ORDER BY found_at, request_id, position`).all(...args).map(toAsset),
    whereabouts: db.prepare<string[], WhereaboutsRow>(`SELECT * FROM whereabouts WHERE case_id = ?${only} ORDER BY at DESC, position`).all(...args).map(toWhereabouts),
    info: db.prepare<string[], InfoRow>(`SELECT * FROM info_records WHERE case_id = ?${only} ORDER BY found_at, request_id, position`).all(...args).map(toInfo),
  };
}
