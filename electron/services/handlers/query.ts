/**
 * The one-click query (docs/domain.md, "The purpose", rule 15): every channel for every debtor of an open case,
 * recorded before anything is sent; its view; re-sending one failed query under a new id.
 */
import { AppFailure } from '../../../shared/app-failure';
import { appError } from '../../../shared/errors';
import { channelInfo } from '../../../shared/domain/channels';
import type { ChannelRequest, Officer, Party, WhereaboutsFinding } from '../../../shared/domain/types';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import type { QueryContext } from '../../engine/types';
import { auditSubject, type SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import type { FeatureHandlers } from '../context';
import type { ActiveSession } from '../session';

/** The context a case's queries go under, with the findings in force that open whereabouts channels. */
export function queryContext(c: StoredCase, officer: Officer, findings: readonly WhereaboutsFinding[] = []): QueryContext {
  const byParty: NonNullable<QueryContext['findings']> = {};
  for (const f of [...findings].reverse()) byParty[f.partyId] = { ground: f.ground, recordedAt: f.recordedAt };
  return {
    caseId: c.id, caseNumber: c.number, court: c.court, officer: { code: officer.code, name: officer.name },
    ...(findings.length ? { findings: byParty } : {}),
  };
}

/**
 * The property channels queried for these debtors of an open case: each query audited first — who
 * queried whom, for which case, on which basis (docs/domain.md, "The purpose") — then handed to the
 * connector engine. The one-click query and the background re-queries (balance monitoring, a repeat
 * freeze's daily run, a batch) go this one way; `detail` says which job asked, `plan` a batch's request
 * ids (and the channels it leaves out as fresh).
 */
export function startPropertyQuery(
  store: SecureStore, officer: Officer, session: Pick<ActiveSession, 'engine'>, c: StoredCase, debtors: Party[], detail: Record<string, unknown> = {}, plan?: QueryContext['plan'],
): ChannelRequest[] {
  for (const p of debtors) {
    store.audit.append({
      officer: officer.code, action: 'query.start', caseId: c.id, caseNumber: c.number, subject: auditSubject(p), legalBasis: LEGAL_BASIS.query,
      ...(c.assignee && c.assignee !== officer.code ? { detail: { onBehalfOf: c.assignee, ...detail } } : Object.keys(detail).length ? { detail } : {}),
    });
  }
  // the property channels; whereabouts channels need the recorded finding (rule 10)
  return session.engine.queryCase({ ...queryContext(c, officer), channels: 'property', ...(plan ? { plan } : {}) }, debtors);
}

export function queryHandlers(): FeatureHandlers<'query'> {
  return {
    start: (_input, { store, officer, session, case: c }) => {
      // Query data may be gathered only for an unfinished case (docs/domain.md, "The purpose"; rule 10).
      if (c.status !== 'open') throw new AppFailure('CASE_CLOSED');
      const debtors = c.parties.filter((p) => p.role === 'debtor');
      if (debtors.length === 0) throw new AppFailure('NOT_A_DEBTOR', { zh: '本案没有被执行人', en: 'the case has no debtor' });
      return { requests: startPropertyQuery(store, officer, session, c, debtors) };
    },
    view: ({ caseId }, { store }) => store.caseQueryView(caseId),
    retry: ({ requestId }, { store, officer, session, case: c }) => {
      const r = store.engine.getRequest(requestId)!;
      if (r.state !== 'failed' && r.state !== 'manual') {
        throw new AppFailure(appError('VALIDATION', { zh: '只有失败或需人工处理的查询可以重新发送', en: 'only failed or manual queries can be re-sent' }));
      }
      const party = c.parties.find((p) => p.id === r.partyId && p.role === 'debtor');
      if (!party) throw new AppFailure('NOT_A_DEBTOR');
      store.audit.append({ officer: officer.code, action: 'query.retry', caseId: c.id, caseNumber: c.number, subject: auditSubject(party), legalBasis: LEGAL_BASIS.query, detail: { channel: r.channel, previous: r.id } });
      if (channelInfo(r.channel).yields === 'whereabouts' && !store.whereaboutsFindings.inForce(c.id).some((f) => f.partyId === party.id)) {
        throw new AppFailure('FINDING_REQUIRED');
      }
      return session.engine.retry(requestId, queryContext(c, officer, store.whereaboutsFindings.inForce(c.id)), party) as ChannelRequest;
    },
  };
}
