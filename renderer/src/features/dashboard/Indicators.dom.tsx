/** 三个90%一个80%: each with its goal and its count; one the program holds no data for says so. */
import type { Indicator } from '../../../../shared/domain/dashboard';
import type { Lang } from '../../i18n/dict';
import { INDICATOR_LABELS, say } from './labels';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function Indicators({ list, lang }: { list: Indicator[]; lang: Lang }) {
  return (
    <section className="panel" data-testid="dashboard-indicators">
      <h2>{say('indicators', lang)}</h2>
      <table className="table">
        <tbody>
          {list.map((i) => (
            <tr key={i.key} data-testid={`indicator-${i.key}`}>
              <th scope="row">{say(INDICATOR_LABELS[i.key], lang)}</th>
              <td>{say('goal', lang)} {pct(i.goal)}</td>
              {i.value === null ? (
                <td className="muted" data-testid={`indicator-${i.key}-missing`}>
                  {i.missing ? say(i.missing, lang) : say('notCounted', lang)}
                </td>
              ) : (
                <td className={i.value >= i.goal ? '' : 'field-error'}>
                  {pct(i.value)}（{i.numerator}/{i.denominator}）
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
