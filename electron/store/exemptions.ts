/**
 * What the judge records about exempt property in a case (docs/domain.md rule 5): the dependants of a
 * person debtor, for the living costs left to him (查扣冻规定 第三条), and his finding that a flat is,
 * or is not, the debtor's only home (查扣冻规定 第四条; 执行异议复议规定 第二十条). Each record is
 * audited with its legal basis; only-home findings are kept as a history, the latest one counting.
 */
import { AppFailure } from '../../shared/app-failure';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import { MAX_DEPENDANTS } from '../../shared/rules/exempt';
import { auditSubject, type AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';

export interface DependantsRecord {
  partyId: string;
  dependants: number;
  recordedBy: string;
  recordedAt: string;
}

export interface OnlyHomeMark {
  partyId: string;
  /** the 不动产权证号 the finding is about (it outlives a re-query's new asset rows) */
  identifier: string;
  onlyHome: boolean;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

interface PartyRow { id: string; id_number: string; number: string }

export class ExemptionRepo {
  constructor(private readonly conn: Connection, private readonly clock: Clock, private readonly audit: AuditLog) {}

  private party(caseId: string, partyId: string): PartyRow {
    const p = this.conn.db.prepare<[string, string], PartyRow>(
      `SELECT p.id, p.id_number, c.number FROM parties p JOIN cases c ON c.id = p.case_id
       WHERE p.id = ? AND p.case_id = ? AND p.role = 'debtor'`,
    ).get(partyId, caseId);
    if (!p) throw new AppFailure('NOT_A_DEBTOR');
    return p;
  }

  /** The dependants recorded for each person debtor of the case (absent: none recorded, 0). */
  dependants(caseId: string): Map<string, DependantsRecord> {
    const rows = this.conn.db.prepare<[string], { party_id: string; dependants: number; recorded_by: string; recorded_at: string }>(
      'SELECT party_id, dependants, recorded_by, recorded_at FROM debtor_dependants WHERE case_id = ?',
    ).all(caseId);
    return new Map(rows.map((r) => [r.party_id, { partyId: r.party_id, dependants: r.dependants, recordedBy: r.recorded_by, recordedAt: r.recorded_at }]));
  }

  /** The judge records how many dependants a person debtor has (所扶养家属人数), audited. */
  setDependants(input: { caseId: string; partyId: string; dependants: number }, by: string): DependantsRecord {
    const n = input.dependants;
    if (!Number.isInteger(n) || n < 0 || n > MAX_DEPENDANTS) {
      throw new AppFailure('VALIDATION', { zh: `所扶养家属人数应为 0 至 ${MAX_DEPENDANTS} 的整数`, en: `dependants must be a whole number from 0 to ${MAX_DEPENDANTS}` }, 'dependants');
    }
    const db = this.conn.db;
    return db.transaction(() => {
      const p = this.party(input.caseId, input.partyId);
      const kind = db.prepare<[string], string>('SELECT kind FROM parties WHERE id = ?').pluck().get(p.id);
      if (kind !== 'person') throw new AppFailure('VALIDATION', { zh: '所扶养家属只对自然人被执行人记录', en: 'dependants are recorded for a person debtor only' }, 'partyId');
      const before = this.dependants(input.caseId).get(p.id)?.dependants ?? 0;
      const at = this.clock().toISOString();
      db.prepare(
        `INSERT INTO debtor_dependants (party_id, case_id, dependants, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (party_id) DO UPDATE SET dependants = excluded.dependants, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      ).run(p.id, input.caseId, n, by, at);
      this.audit.append({
        officer: by, action: 'exemption.dependants', caseId: input.caseId, caseNumber: p.number,
        subject: auditSubject({ id: p.id, idNumber: p.id_number }), legalBasis: LEGAL_BASIS.livingCosts, detail: { from: before, to: n },
      });
      return { partyId: p.id, dependants: n, recordedBy: by, recordedAt: at };
    }).immediate();
  }

  /** The judge's latest only-home finding per debtor and certificate in the case. */
  onlyHomeMarks(caseId: string): OnlyHomeMark[] {
    const rows = this.conn.db.prepare<[string], { party_id: string; identifier: string; only_home: number; reason: string; recorded_by: string; recorded_at: string }>(
      `SELECT m.party_id, m.identifier, m.only_home, m.reason, m.recorded_by, m.recorded_at FROM only_home_marks m
       WHERE m.case_id = ? AND m.seq = (SELECT MAX(seq) FROM only_home_marks x WHERE x.case_id = m.case_id AND x.party_id = m.party_id AND x.identifier = m.identifier)`,
    ).all(caseId);
    return rows.map((r) => ({ partyId: r.party_id, identifier: r.identifier, onlyHome: r.only_home === 1, reason: r.reason, recordedBy: r.recorded_by, recordedAt: r.recorded_at }));
  }

  /** The judge sets or clears the only-home flag of a flat, with his reason, audited. */
  markOnlyHome(input: { caseId: string; partyId: string; identifier: string; onlyHome: boolean; reason: string }, by: string): OnlyHomeMark {
    const reason = input.reason.trim();
    if (reason.length < 2) throw new AppFailure('VALIDATION', { zh: '请写明认定或取消唯一住房的理由', en: 'state the reason for setting or clearing the only-home flag' }, 'reason');
    const db = this.conn.db;
    return db.transaction(() => {
      const p = this.party(input.caseId, input.partyId);
      const at = this.clock().toISOString();
      db.prepare('INSERT INTO only_home_marks (case_id, party_id, identifier, only_home, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.caseId, p.id, input.identifier, input.onlyHome ? 1 : 0, reason, by, at);
      this.audit.append({
        officer: by, action: input.onlyHome ? 'exemption.onlyHome.set' : 'exemption.onlyHome.cleared', caseId: input.caseId, caseNumber: p.number,
        subject: auditSubject({ id: p.id, idNumber: p.id_number }), legalBasis: LEGAL_BASIS.onlyHome, detail: { certificate: input.identifier, reason },
      });
      return { partyId: p.id, identifier: input.identifier, onlyHome: input.onlyHome, reason, recordedBy: by, recordedAt: at };
    }).immediate();
  }
}
