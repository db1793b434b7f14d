/**
 * A debtor's conduct (IPC group `conduct`; docs/domain.md rule 8): his timeline and the proposal,
 * and the judge's confirmation or override with a reason. The policy lets only the case's judge
 * confirm (act conduct.confirm); the router refuses anyone else with the reason and records it.
 */
import { todayCst } from '../../../shared/dates';
import { confirmConduct } from '../conduct/confirm';
import { debtorConduct } from '../conduct/timeline';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';

export function conductHandlers(d: Deps): FeatureHandlers<'conduct'> {
  return {
    timeline: ({ partyId }, { store, case: c }) => debtorConduct(store, c, partyId, todayCst(d.now())),
    confirm: (x, { store, officer, case: c }) => confirmConduct(store, officer.code, c, x, todayCst(d.now())),
  };
}
