/** Whereabouts: hotel stays, border crossings, household address — newest first. */
import { useMemo } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { usePartyNames } from './party-names';
import { maskIdsIn } from '../../../../shared/ids/subject-id';

export function WhereaboutsPanel() {
  const { t } = useT();
  const items = useAppStore((s) => s.whereabouts);
  const names = usePartyNames();
  const sorted = useMemo(() => [...items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)), [items]);
  if (!sorted.length) {
    return (
      <p className="empty" data-testid="whereabouts-empty">
        {t.whereabouts.none}
      </p>
    );
  }
  return (
    <div className="list-wrap">
      <table className="table" data-testid="whereabouts-list">
        <thead>
          <tr>
            <th scope="col">{t.whereabouts.kind}</th>
            <th scope="col">{t.whereabouts.debtor}</th>
            <th scope="col">{t.whereabouts.at}</th>
            <th scope="col">{t.whereabouts.place}</th>
            <th scope="col">{t.whereabouts.detail}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((w) => (
            <tr key={w.id} data-testid="whereabouts-row" data-kind={w.kind}>
              <td>{t.whereabouts.kinds[w.kind]}</td>
              <td>{names[w.partyId] ?? ''}</td>
              <td className="nowrap">{formatWhen(w.at)}</td>
              <td>{w.place}</td>
              <td>{maskIdsIn(w.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
