/**
 * 「批量查询」: in the case list toolbar over all of the officer's open cases, in the selection bar over
 * the cases ticked. Shown to the officers who may query (a judge, his clerk or assistant).
 */
import { permits } from '../../../../shared/authority/matrix';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

export function BatchButton({ caseIds }: { caseIds?: string[] }) {
  const { t } = useT();
  const role = useAppStore((s) => s.officer?.role);
  const open = useAppStore((s) => s.openBatchStart);
  if (!role || !permits('query.property', role, 'act').ok) return null;
  return (
    <button type="button" className={caseIds ? 'btn btn-small' : 'btn'} data-testid={caseIds ? 'batch-open-chosen' : 'batch-open'} title={t.batch.buttonTitle} disabled={caseIds?.length === 0} onClick={() => open(caseIds)}>
      {caseIds ? t.batch.buttonChosen : t.batch.button}
    </button>
  );
}
