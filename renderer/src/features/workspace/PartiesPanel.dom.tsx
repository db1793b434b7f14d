/**
 * Parties of the case; ID numbers masked (maskId), and 住所 and 法定代表人 hidden, until the judge
 * reveals one; a person debtor's dependants and the living costs kept for them (docs/domain.md rule 5).
 */
import { maskId } from '../../../../shared/ids/subject-id';
import type { Party } from '../../../../shared/domain/types';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { DebtorLivingCosts, useExemptions } from './DebtorLivingCosts.dom';

export function PartiesPanel({ parties }: { parties: Party[] }) {
  const { t } = useT();
  const revealed = useAppStore((s) => s.revealedIds);
  const toggleReveal = useAppStore((s) => s.toggleReveal);
  const ordered = [...parties].sort((a, b) => (a.role === b.role ? 0 : a.role === 'applicant' ? -1 : 1));
  const caseId = parties[0]?.caseId;
  const [exemptions, setExemptions] = useExemptions(caseId);
  return (
    <div className="parties">
      <h2 className="section-title">{t.workspace.parties}</h2>
      <table className="table compact">
        <tbody>
          {ordered.map((p) => {
            const shown = !!revealed[p.id];
            return (
              <tr key={p.id} data-testid={`party-${p.id}`}>
                <td className="muted">{p.role === 'debtor' ? t.workspace.roleDebtor : t.workspace.roleApplicant}</td>
                <td>
                  {p.name} <span className="muted">{p.kind === 'person' ? t.newCase.kindPerson : t.newCase.kindCompany}</span>
                  {p.role === 'debtor' && p.kind === 'person' && caseId && (
                    <DebtorLivingCosts caseId={caseId} partyId={p.id} exemptions={exemptions} onChange={setExemptions} />
                  )}
                  {shown && (p.address || p.legalRepresentative) && (
                    <div className="muted" data-testid={`party-particulars-${p.id}`}>
                      {[
                        p.address ? `${p.kind === 'person' ? t.workspace.addressPerson : t.workspace.addressCompany}：${p.address}` : '',
                        p.legalRepresentative ? `${t.workspace.legalRep}：${p.legalRepresentative.name}${p.legalRepresentative.title ? `（${p.legalRepresentative.title}）` : ''}` : '',
                      ].filter(Boolean).join('　')}
                    </div>
                  )}
                </td>
                <td className="mono" data-testid={`party-id-${p.id}`}>
                  {shown ? p.idNumber : maskId(p.idNumber)}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    data-testid={`party-reveal-${p.id}`}
                    aria-pressed={shown}
                    onClick={() => toggleReveal(p.id)}
                  >
                    {shown ? t.workspace.hide : t.workspace.reveal}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
