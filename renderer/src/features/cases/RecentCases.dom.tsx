/** Recently opened cases, from Dexie: case numbers only, one click to reopen. */
import { useLiveQuery } from 'dexie-react-hooks';
import { recentCases } from '../../db/ui-db';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

export function RecentCases() {
  const { t } = useT();
  const recent = useLiveQuery(recentCases, []);
  const openCase = useAppStore((s) => s.openCase);
  if (!recent?.length) return null;
  return (
    <nav className="recent" aria-label={t.caseList.recent} data-testid="recent-cases">
      <span className="muted">{t.caseList.recent}</span>
      {recent.map((r) => (
        <button
          key={r.caseId}
          type="button"
          className="chip mono"
          data-testid={`recent-case-${r.number}`}
          onClick={() => void openCase(r.caseId)}
        >
          {r.number}
        </button>
      ))}
    </nav>
  );
}
