/** A measure's ruling and notice (or a case's documents) as links that open the viewer. */
import type { DocumentRef } from '../../../../shared/domain/measures';
import { useAppStore } from '../../store';

export function DocumentLinks({ docs, testPrefix }: { docs: readonly DocumentRef[]; testPrefix: string }) {
  const open = useAppStore((s) => s.openDocument);
  if (docs.length === 0) return null;
  return (
    <ul className="doc-links">
      {docs.map((d) => (
        <li key={d.id}>
          <button type="button" className="link" data-testid={`${testPrefix}-${d.id}`} title={d.number} onClick={() => void open(d.id)}>
            {d.type}
          </button>
        </li>
      ))}
    </ul>
  );
}
