/**
 * IPC group `valuation`: the directed valuation inquiry with the tax authority (定向询价,
 * docs/distribution.md). Anyone who may read the case sees each property's latest request (asking
 * the authority again about one still open); a clerk, an assistant or the case's judge asks for one
 * (act distribution.prepare). The reference price answered is what the freeze plan counts the
 * property at.
 */
import { z } from 'zod';
import type { CaseValuations, ValuationView } from '../../domain/distribution';
import { caseRead } from '../policy';

const out = <T>() => z.custom<T>(() => true);
const id = z.string().min(1).max(64);

export const valuationGroup = {
  list: { policy: caseRead('caseId'), input: z.object({ caseId: id }).strict(), output: out<CaseValuations>() },
  request: { policy: { act: 'distribution.prepare', case: 'caseId' }, input: z.object({ caseId: id, assetId: id }).strict(), output: out<ValuationView>() },
} as const;
