/** A measure's ruling and notice (or a case's documents) as links that open the viewer; a voided one is marked 作废. */
import type { DocumentRef } from '../../../../shared/domain/measures';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

export function DocumentLinks({ docs, testPrefix }: { docs: readonly DocumentRef[]; testPrefix: string }) {
  const open = useAppStore((s) => s.openDocument);
  const { t } = useT();
  if (docs.length === 0) return null;
  return (
    <ul className="doc-links">
      {docs.map((d) => (
        <li key={d.id}>
          <button type="button" className="link" data-testid={`${testPrefix}-${d.id}`} title={d.number} onClick={() => void open(d.id)}>
            {d.type}
          </button>
          {d.voided && (
            <span className="badge badge-void" data-testid={`${testPrefix}-${d.id}-voided`} title={d.voided.reason}>
              {t.documents.voided}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
