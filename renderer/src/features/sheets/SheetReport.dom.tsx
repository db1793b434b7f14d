/**
 * The check of a case list before anything is imported (docs/sheets.md): how many rows are good
 * and how many are not, and each bad row with its row number in the sheet, its 案号 and every
 * problem in it, column by column, in the officer's language.
 */
import type { CaseSheetReport, SheetProblem } from '../../../../shared/ipc/groups/sheets';
import { useT } from '../../store/selectors';

interface BadRow {
  row: number;
  caseNumber?: string;
  problems: SheetProblem[];
}

function byRow(problems: readonly SheetProblem[]): BadRow[] {
  const rows = new Map<number, BadRow>();
  for (const p of problems) {
    const r = rows.get(p.row) ?? { row: p.row, problems: [] };
    r.caseNumber ??= p.caseNumber;
    r.problems.push(p);
    rows.set(p.row, r);
  }
  return [...rows.values()].sort((a, b) => a.row - b.row);
}

export function SheetReport({ report }: { report: CaseSheetReport }) {
  const { t, lang } = useT();
  const bad = byRow(report.problems);
  return (
    <div className="sheet-report" data-testid="sheet-report">
      <p data-testid="sheet-report-counts">{t.sheets.counts(report.rows, report.ready, Math.max(report.rows - report.ready, bad.length))}</p>
      {bad.length === 0 ? (
        <p className="banner banner-info" role="status" data-testid="sheet-report-good">{t.sheets.allGood}</p>
      ) : (
        <>
          <div className="list-wrap">
            <table className="table" data-testid="sheet-report-problems">
              <thead>
                <tr>
                  <th scope="col" className="num">{t.sheets.row}</th>
                  <th scope="col">{t.sheets.number}</th>
                  <th scope="col">{t.sheets.problem}</th>
                </tr>
              </thead>
              <tbody>
                {bad.map((r) => (
                  <tr key={r.row} data-testid={`sheet-problem-${r.row}`}>
                    <td className="num">{r.row}</td>
                    <td className="mono">{r.caseNumber ?? ''}</td>
                    <td>
                      {r.problems.map((p, i) => (
                        <div key={i}>
                          <span className="muted">{p.column ?? t.sheets.wholeRow}：</span>
                          {lang === 'zh' ? p.zh : p.en}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="field-error" data-testid="sheet-report-fix">{t.sheets.fixFirst}</p>
        </>
      )}
    </div>
  );
}
