/** 「批量查询」 in the case list toolbar: the officers who may query (a judge, his clerk or assistant). */
import { permits } from '../../../../shared/authority/matrix';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';

export function BatchButton({ caseIds }: { caseIds?: string[] }) {
  const { t } = useT();
  const role = useAppStore((s) => s.officer?.role);
  const open = useAppStore((s) => s.openBatchStart);
  if (!role || !permits('query.property', role, 'act').ok) return null;
  return (
    <button type="button" className="btn" data-testid="batch-open" title={t.batch.buttonTitle} onClick={() => open(caseIds)}>
      {t.batch.button}
    </button>
  );
}
