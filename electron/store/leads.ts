/**
 * A creditor's leads (财产线索, docs/domain.md rule 11): recorded with the day the court received
 * them and the last day to check them, checked once with the result, each step audited with its
 * basis. The lead's text stays inside the encrypted store; the audit names the lead, not its words.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/app-failure';
import type { LeadAssetKind, PropertyLead } from '../../shared/domain/leads';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import { caseNumberOf } from './case-ref';

interface Row {
  id: string; case_id: string; party_id: string | null; text: string; asset_kind: string; urgent: number; received_on: string; check_by: string;
  recorded_by: string; recorded_at: string; checked_on: string | null; checked_by: string | null; check_result: string | null; found: number | null;
}

const toLead = (r: Row): PropertyLead => ({
  id: r.id, caseId: r.case_id, ...(r.party_id ? { partyId: r.party_id } : {}), text: r.text, assetKind: r.asset_kind as LeadAssetKind,
  urgent: r.urgent === 1, receivedOn: r.received_on, checkBy: r.check_by, recordedBy: r.recorded_by, recordedAt: r.recorded_at,
  ...(r.checked_on ? { checkedOn: r.checked_on } : {}), ...(r.checked_by ? { checkedBy: r.checked_by } : {}),
  ...(r.check_result !== null ? { checkResult: r.check_result } : {}), ...(r.found !== null ? { found: r.found === 1 } : {}),
});

export interface NewLead {
  caseId: string;
  partyId?: string;
  text: string;
  assetKind: LeadAssetKind;
  urgent: boolean;
  receivedOn: string;
  /** computed by the caller from shared/rules/leads.ts (with the holiday calendar) */
  checkBy: string;
}

export class LeadRepo {
  constructor(private readonly conn: Connection, private readonly clock: Clock, private readonly audit: AuditLog) {}

  get(id: string): PropertyLead | undefined {
    const r = this.conn.db.prepare<[string], Row>('SELECT * FROM property_leads WHERE id = ?').get(id);
    return r ? toLead(r) : undefined;
  }

  ofCase(caseId: string): PropertyLead[] {
    return this.conn.db.prepare<[string], Row>('SELECT * FROM property_leads WHERE case_id = ? ORDER BY received_on DESC, recorded_at DESC').all(caseId).map(toLead);
  }

  record(l: NewLead, by: string): PropertyLead {
    const db = this.conn.db;
    return db.transaction((): PropertyLead => {
      if (l.partyId) {
        const role = db.prepare<[string, string], string>('SELECT role FROM parties WHERE id = ? AND case_id = ?').pluck().get(l.partyId, l.caseId);
        if (role !== 'debtor') throw new AppFailure('NOT_A_DEBTOR', { zh: '线索所指当事人不是本案被执行人', en: 'the lead names a party who is not a debtor of this case' });
      }
      const id = randomUUID();
      const at = this.clock().toISOString();
      db.prepare(`INSERT INTO property_leads (id, case_id, party_id, text, asset_kind, urgent, received_on, check_by, recorded_by, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, l.caseId, l.partyId ?? null, l.text, l.assetKind, l.urgent ? 1 : 0, l.receivedOn, l.checkBy, by, at);
      this.audit.append({
        officer: by, action: 'lead.recorded', ...this.caseOf(l.caseId), legalBasis: LEGAL_BASIS.lead,
        detail: { leadId: id, assetKind: l.assetKind, urgent: l.urgent, receivedOn: l.receivedOn, checkBy: l.checkBy },
      });
      return this.get(id)!;
    }).immediate();
  }

  /** The lead was checked: once; a second check of the same lead is refused, not overwritten. */
  check(id: string, c: { checkedOn: string; found: boolean; result: string }, by: string): PropertyLead {
    const db = this.conn.db;
    return db.transaction((): PropertyLead => {
      const lead = this.get(id);
      if (!lead) throw new AppFailure('NOT_FOUND', { zh: '线索不存在', en: 'no such lead' });
      if (lead.checkedOn) throw new AppFailure('VALIDATION', { zh: `该线索已于 ${lead.checkedOn} 核查`, en: `the lead was checked on ${lead.checkedOn}` });
      if (c.checkedOn < lead.receivedOn) throw new AppFailure('VALIDATION', { zh: '核查日期不能早于收到线索的日期', en: 'a lead cannot be checked before it was received' }, 'checkedOn');
      db.prepare('UPDATE property_leads SET checked_on = ?, checked_by = ?, check_result = ?, found = ? WHERE id = ?').run(c.checkedOn, by, c.result, c.found ? 1 : 0, id);
      this.audit.append({
        officer: by, action: 'lead.checked', ...this.caseOf(lead.caseId), legalBasis: LEGAL_BASIS.lead,
        detail: { leadId: id, checkedOn: c.checkedOn, found: c.found, late: c.checkedOn > lead.checkBy },
      });
      return this.get(id)!;
    }).immediate();
  }

  private caseOf(caseId: string): { caseId: string; caseNumber?: string } {
    const number = caseNumberOf(this.conn.db, caseId);
    return { caseId, ...(number ? { caseNumber: number } : {}) };
  }
}
