/** A measure's state as a coloured word, the same everywhere (list, outbox, calendar, deduction). */
import { useT } from '../../store/selectors';
import type { StateOf } from './measure-state';

export function StateBadge({ state, testId }: { state: StateOf; testId?: string }) {
  const { t } = useT();
  const s = t.measures.states;
  const text = state.key === 'waiting' ? s.waiting(state.position ?? 1) : s[state.key];
  return (
    <span className={`mstate mstate-${state.key}`} data-testid={testId} data-state={state.key}>
      {text}
    </span>
  );
}
