/** 轮询冻结 (IPC group `repeat`): the judge orders a freeze repeated daily until covered; jobs.cancel stops it. */
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { jobView } from '../jobs/views';
import { startRepeatFreeze } from '../measures/repeat-freeze';

export function repeatFreezeHandlers(d: Deps): FeatureHandlers<'repeat'> {
  return {
    start: (_input, { session, officer, case: c }) => jobView(session.store, officer, startRepeatFreeze(d, session, c)),
  };
}
