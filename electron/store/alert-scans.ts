/**
 * What the alert scans read across cases (docs/architecture.md §6): each a single SQL pass over
 * indexed columns, never a loop over cases calling a per-case view. Read only; the alerts they
 * lead to are raised through AlertRepo.
 */
import type { AssetKind } from '../../shared/domain/types';
import type { ChannelId } from '../../shared/domain/channels';
import type { Connection } from './connection';

/** a case `c` has property found or frozen: the time limit applies to it (the deadline alerts' rule, shared with the dashboard) */
export const HAS_PROPERTY = /* sql */ `(EXISTS (SELECT 1 FROM assets a WHERE a.case_id = c.id) OR EXISTS (SELECT 1 FROM measures m WHERE m.case_id = c.id AND m.kind = 'freeze' AND m.state = 'executed'))`;

/** A freeze in force or waiting whose current end (after executed renewals) falls in a window. */
export interface EndingFreeze {
  freezeId: string;
  caseId: string;
  caseNumber: string;
  partyId: string;
  channel: ChannelId;
  assetKind: AssetKind;
  assetIdentifier: string;
  endsOn: string;
  /** the freeze or the executed renewal that set endsOn (renewal reminders are keyed on it) */
  endsOnSetBy: string;
}

export interface OpenCaseFiled {
  caseId: string;
  caseNumber: string;
  type: string;
  filedOn: string;
  assignee?: string;
  /** property found by a query or frozen: the six-month limit applies (docs/domain.md rule 11) */
  hasProperty: boolean;
}

export interface OverdueLead {
  leadId: string;
  caseId: string;
  caseNumber: string;
  partyId?: string;
  assetKind: string;
  urgent: boolean;
  receivedOn: string;
  checkBy: string;
}

/** A known account of a debtor of an open case, found by what a bank's push names. */
export interface KnownAccount {
  caseId: string;
  caseNumber: string;
  partyId: string;
  assetId: string;
  channel: ChannelId;
  identifier: string;
  owner: string;
}

const RENEWED_END = `COALESCE(json_extract(x.outcome, '$.endsOn'), x.ends_on)`;

export class AlertScanReader {
  constructor(private readonly conn: Connection) {}

  /** Executed freezes not wholly released or taken, whose current end is within [from, to]. */
  freezesEnding(from: string, to: string): EndingFreeze[] {
    const sql = /* sql */ `
      WITH f AS (
        SELECT m.id, m.case_id, m.party_id, m.channel, m.asset_kind, m.asset_identifier,
          COALESCE(json_extract(m.outcome, '$.frozenAmount'), m.amount, 0) AS base,
          COALESCE(json_extract(m.outcome, '$.endsOn'), m.ends_on) AS own_end,
          (SELECT x.id FROM measures x WHERE x.freeze_id = m.id AND x.kind = 'renew' AND x.state = 'executed' ORDER BY ${RENEWED_END} DESC, x.created_at DESC LIMIT 1) AS renewal_id,
          (SELECT MAX(${RENEWED_END}) FROM measures x WHERE x.freeze_id = m.id AND x.kind = 'renew' AND x.state = 'executed') AS renewed_end,
          (SELECT COUNT(*) FROM measures x WHERE x.freeze_id = m.id AND x.kind = 'unfreeze' AND x.state = 'executed' AND x.amount IS NULL) AS released_all,
          (SELECT COALESCE(SUM(x.amount), 0) FROM measures x WHERE x.freeze_id = m.id AND x.kind = 'unfreeze' AND x.state = 'executed' AND x.amount IS NOT NULL) AS released,
          (SELECT COALESCE(SUM(COALESCE(json_extract(x.outcome, '$.deductedAmount'), x.amount)), 0) FROM measures x WHERE x.freeze_id = m.id AND x.kind = 'deduct' AND x.state = 'executed') AS deducted
        FROM measures m WHERE m.kind = 'freeze' AND m.state = 'executed'
      ), g AS (
        SELECT f.*, CASE WHEN renewed_end IS NOT NULL AND (own_end IS NULL OR renewed_end >= own_end) THEN renewed_end ELSE own_end END AS ends_on,
          CASE WHEN renewed_end IS NOT NULL AND (own_end IS NULL OR renewed_end >= own_end) THEN renewal_id ELSE id END AS set_by
        FROM f WHERE released_all = 0 AND NOT (base > 0 AND base - released - deducted <= 0)
      )
      SELECT g.id, g.case_id, c.number, g.party_id, g.channel, g.asset_kind, g.asset_identifier, g.ends_on, g.set_by
      FROM g JOIN cases c ON c.id = g.case_id
      WHERE g.ends_on BETWEEN ? AND ? ORDER BY g.ends_on, g.id`;
    type R = { id: string; case_id: string; number: string; party_id: string; channel: string; asset_kind: string; asset_identifier: string; ends_on: string; set_by: string };
    return this.conn.db.prepare<[string, string], R>(sql).all(from, to).map((r) => ({
      freezeId: r.id, caseId: r.case_id, caseNumber: r.number, partyId: r.party_id, channel: r.channel as ChannelId,
      assetKind: r.asset_kind as AssetKind, assetIdentifier: r.asset_identifier, endsOn: r.ends_on, endsOnSetBy: r.set_by,
    }));
  }

  /** Open cases of these types filed within [from, to], with whether property was found or frozen. */
  openCasesFiled(types: readonly string[], from: string, to: string): OpenCaseFiled[] {
    const sql = /* sql */ `
      SELECT c.id, c.number, c.type, c.filed_on, c.assignee,
        ${HAS_PROPERTY} AS has_property
      FROM cases c
      WHERE c.status = 'open' AND c.type IN (SELECT value FROM json_each(?)) AND c.filed_on BETWEEN ? AND ?
      ORDER BY c.filed_on, c.id`;
    type R = { id: string; number: string; type: string; filed_on: string; assignee: string | null; has_property: number };
    return this.conn.db.prepare<[string, string, string], R>(sql).all(JSON.stringify(types), from, to).map((r) => ({
      caseId: r.id, caseNumber: r.number, type: r.type, filedOn: r.filed_on, ...(r.assignee ? { assignee: r.assignee } : {}), hasProperty: r.has_property === 1,
    }));
  }

  /** Leads of open cases not checked by their last day, as of `today`. */
  leadsOverdue(today: string): OverdueLead[] {
    const sql = /* sql */ `
      SELECT l.id, l.case_id, c.number, l.party_id, l.asset_kind, l.urgent, l.received_on, l.check_by
      FROM property_leads l JOIN cases c ON c.id = l.case_id
      WHERE l.checked_on IS NULL AND l.check_by < ? AND c.status = 'open'
      ORDER BY l.check_by, l.id`;
    type R = { id: string; case_id: string; number: string; party_id: string | null; asset_kind: string; urgent: number; received_on: string; check_by: string };
    return this.conn.db.prepare<[string], R>(sql).all(today).map((r) => ({
      leadId: r.id, caseId: r.case_id, caseNumber: r.number, ...(r.party_id ? { partyId: r.party_id } : {}), assetKind: r.asset_kind,
      urgent: r.urgent === 1, receivedOn: r.received_on, checkBy: r.check_by,
    }));
  }

  /**
   * The open cases that know these accounts (channel, account, holder's ID number), by the newest
   * answer that found each: one pass over a VALUES list of what a bank's push names.
   */
  knownAccounts(accounts: readonly { channel: string; identifier: string; owner: string }[]): KnownAccount[] {
    if (accounts.length === 0) return [];
    const sql = /* sql */ `
      WITH wanted AS (
        SELECT json_extract(j.value, '$.channel') AS channel, json_extract(j.value, '$.identifier') AS identifier, json_extract(j.value, '$.owner') AS owner
        FROM json_each(?) j
      ), hit AS (
        SELECT a.case_id, c.number, a.party_id, a.id AS asset_id, a.channel, a.identifier, p.id_number AS owner,
          ROW_NUMBER() OVER (PARTITION BY a.case_id, a.channel, a.identifier ORDER BY a.found_at DESC, a.id) AS k
        FROM wanted w
        JOIN assets a ON a.identifier = w.identifier AND a.channel = w.channel
        JOIN parties p ON p.id = a.party_id AND p.id_number = w.owner AND p.role = 'debtor'
        JOIN cases c ON c.id = a.case_id AND c.status = 'open'
      )
      SELECT case_id, number, party_id, asset_id, channel, identifier, owner FROM hit WHERE k = 1 ORDER BY case_id, identifier`;
    type R = { case_id: string; number: string; party_id: string; asset_id: string; channel: string; identifier: string; owner: string };
    return this.conn.db.prepare<[string], R>(sql).all(JSON.stringify(accounts)).map((r) => ({
      caseId: r.case_id, caseNumber: r.number, partyId: r.party_id, assetId: r.asset_id, channel: r.channel as ChannelId, identifier: r.identifier, owner: r.owner,
    }));
  }

  /** The ids of the cases assigned to these officers (a judge's own, a clerk's team's). */
  caseIdsAssignedTo(assignees: readonly string[]): string[] {
    return this.conn.db.prepare<[string], string>('SELECT id FROM cases WHERE assignee IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(assignees));
  }

  /** Case numbers by id, in one pass (lists across cases show them). */
  caseNumbers(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    const rows = this.conn.db.prepare<[string], { id: string; number: string }>('SELECT id, number FROM cases WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r.number]));
  }
}
