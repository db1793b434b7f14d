/**
 * The judge's finding that a debtor refuses to perform and evades, or is missing (docs/domain.md rule 10;
 * docs/authority.md, "Purpose and gates"): recorded with its facts and legal basis, audited, and
 * the only thing that opens the whereabouts channels (hotel lodging, exit and entry, household
 * register) for that debtor in that case.
 */
import { AppFailure } from '../../shared/app-failure';
import type { WhereaboutsFinding, WhereaboutsGround } from '../../shared/domain/types';
import { LEGAL_BASIS } from '../../shared/legal/basis';
import { auditSubject, type AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import { caseNumberOf } from './case-ref';

interface Row { seq: number; case_id: string; party_id: string; ground: WhereaboutsGround; facts: string; recorded_by: string; recorded_at: string; ended_at: string | null }

const toFinding = (r: Row): WhereaboutsFinding => ({
  seq: r.seq, caseId: r.case_id, partyId: r.party_id, ground: r.ground, facts: r.facts, recordedBy: r.recorded_by, recordedAt: r.recorded_at,
  ...(r.ended_at ? { endedAt: r.ended_at } : {}),
});

export class WhereaboutsFindingRepo {
  constructor(private readonly conn: Connection, private readonly clock: Clock, private readonly audit: AuditLog) {}

  record(input: { caseId: string; partyId: string; ground: WhereaboutsGround; facts: string }, by: string): WhereaboutsFinding {
    const facts = input.facts.trim();
    if (facts.length < 4) throw new AppFailure('VALIDATION', { zh: '请写明认定所依据的事实（至少 4 个字）', en: 'state the facts the finding rests on (at least 4 characters)' }, 'facts');
    const db = this.conn.db;
    try {
      return db.transaction(() => {
        const at = this.clock().toISOString();
        const seq = Number(db.prepare('INSERT INTO whereabouts_findings (case_id, party_id, ground, facts, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(input.caseId, input.partyId, input.ground, facts, by, at).lastInsertRowid);
        const c = caseNumberOf(db, input.caseId);
        const p = db.prepare<[string], { id: string; id_number: string }>('SELECT id, id_number FROM parties WHERE id = ?').get(input.partyId)!;
        this.audit.append({
          officer: by, action: 'finding.recorded', caseId: input.caseId, caseNumber: c, subject: auditSubject({ id: p.id, idNumber: p.id_number }),
          legalBasis: LEGAL_BASIS.finding, detail: { ground: input.ground, seq },
        });
        return toFinding(db.prepare<[number], Row>('SELECT * FROM whereabouts_findings WHERE seq = ?').get(seq)!);
      }).immediate();
    } catch (e) {
      if (e instanceof Error && e.message.includes('NOT_A_DEBTOR')) throw new AppFailure('NOT_A_DEBTOR');
      throw e;
    }
  }

  /** The findings in force in a case, newest first per debtor. */
  inForce(caseId: string): WhereaboutsFinding[] {
    return this.conn.db.prepare<[string], Row>('SELECT * FROM whereabouts_findings WHERE case_id = ? AND ended_at IS NULL ORDER BY seq DESC')
      .all(caseId).map(toFinding);
  }
}
