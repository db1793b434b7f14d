/** Information records: tax, insurance, social security, marriage registration. */
import { useMemo } from 'react';
import { formatYuanSymbol } from '../../../../shared/money';
import type { InfoKind } from '../../../../shared/domain/types';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { usePartyNames } from './party-names';
import { maskIdsIn } from '../../../../shared/ids/subject-id';

const ORDER: readonly InfoKind[] = ['tax', 'social_security', 'insurance', 'civil_affairs'];

export function InfoPanel() {
  const { t } = useT();
  const items = useAppStore((s) => s.info);
  const names = usePartyNames();
  const sorted = useMemo(() => [...items].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind)), [items]);
  if (!sorted.length) {
    return (
      <p className="empty" data-testid="info-empty">
        {t.info.none}
      </p>
    );
  }
  return (
    <div className="list-wrap">
      <table className="table" data-testid="info-list">
        <thead>
          <tr>
            <th scope="col">{t.info.kind}</th>
            <th scope="col">{t.info.debtor}</th>
            <th scope="col">{t.info.summary}</th>
            <th scope="col" className="num">{t.info.amount}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.id} data-testid="info-row" data-kind={r.kind}>
              <td>{t.info.kinds[r.kind]}</td>
              <td>{names[r.partyId] ?? ''}</td>
              <td>{maskIdsIn(r.summary)}</td>
              <td className="num">{r.amount === undefined ? '—' : formatYuanSymbol(r.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
