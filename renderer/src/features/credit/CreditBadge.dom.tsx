/** 失信 in the case header for each debtor on the dishonest list now (docs/domain.md rule 8), from the case's credit.view. */
import { useT } from '../../store/selectors';
import { isListed } from './credit-stage';
import { useCaseCredit } from './use-credit';

export function CreditBadge({ caseId }: { caseId: string }) {
  const { t } = useT();
  const { credit } = useCaseCredit(caseId);
  const listed = credit?.debtors.filter(isListed) ?? [];
  if (listed.length === 0) return null;
  return (
    <span className="badge badge-danger" data-testid="case-header-dishonest" title={t.credit.badgeTitle(listed.map((d) => d.name).join('、'))}>
      {t.credit.badge}
    </span>
  );
}
