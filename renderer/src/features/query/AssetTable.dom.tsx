/**
 * The assets found, one row each, windowed (ui/useRowWindow.dom.ts): a case of hundreds of assets
 * renders only the rows in view of the results panel, and scrolling brings in the rest. Each row
 * carries its 冻结 button for the assets a freeze can be sent for.
 */
import type { Asset } from '../../../../shared/domain/types';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';
import { formatYuanSymbol } from '../../../../shared/money';
import { channelName } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { useRowWindow } from '../../ui/useRowWindow.dom';

const COLUMNS = 6;
/** a row's two lines (institution and kind, number and description), then one line per freeze, px */
const ROW_ESTIMATE = 46;
const FREEZE_LINE = 17;

export function AssetTable({ assets, names }: { assets: readonly Asset[]; names: Readonly<Record<string, string>> }) {
  const { t } = useT();
  const w = useRowWindow({
    keys: assets.map((a) => a.id),
    estimate: (i) => ROW_ESTIMATE + FREEZE_LINE * assets[i]!.existingFreezes.length,
  });
  return (
    <div className="list-wrap">
      <table className="table" data-testid="asset-list" aria-rowcount={assets.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">
              {t.assets.institution} / {t.assets.kind}
            </th>
            <th scope="col">{t.assets.debtor}</th>
            <th scope="col">
              {t.assets.identifier} / {t.assets.description} / {t.assets.freezes}
            </th>
            <th scope="col" className="num">{t.assets.value}</th>
            <th scope="col" className="num">{t.assets.available}</th>
            <th scope="col">
              <span className="sr-only">{t.freeze.openFreeze}</span>
            </th>
          </tr>
        </thead>
        <tbody ref={w.bodyRef}>
          {w.padTop > 0 && <SpacerRow height={w.padTop} />}
          {assets.slice(w.start, w.end).map((a, i) => (
            <AssetRow key={a.id} a={a} debtor={names[a.partyId] ?? ''} rowIndex={w.start + i + 2} />
          ))}
          {w.padBottom > 0 && <SpacerRow height={w.padBottom} />}
        </tbody>
      </table>
    </div>
  );
}

/** the rows left out, as one empty row of their height */
function SpacerRow({ height }: { height: number }) {
  return (
    <tr className="row-spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS} />
    </tr>
  );
}

function AssetRow({ a, debtor, rowIndex }: { a: Asset; debtor: string; rowIndex: number }) {
  const { t, lang } = useT();
  const openFreezeWith = useAppStore((s) => s.openFreezeWith);
  const freezable = isChannelId(a.channel) && channelInfo(a.channel).measures.includes('freeze');
  return (
    <tr data-testid="asset-row" data-asset-id={a.id} data-row-key={a.id} data-kind={a.kind} aria-rowindex={rowIndex}>
      <td className="col-inst" title={isChannelId(a.channel) ? channelName(channelInfo(a.channel), lang) : undefined}>
        <div>{a.institution}</div>
        <div className="muted small">{t.assets.kinds[a.kind]}</div>
      </td>
      <td className="col-party">{debtor}</td>
      <td>
        <div className="mono nowrap">{a.identifier}</div>
        <div className="muted small">{a.description}</div>
        {a.existingFreezes.map((f, i) => (
          <div key={i} className="freeze" data-testid="asset-freeze">
            {t.assets.freezeBy(f.court)}
            {f.amount !== undefined && ` ${formatYuanSymbol(f.amount)}`}
            {f.until && ` ${t.assets.until(formatWhen(f.until))}`}
          </div>
        ))}
      </td>
      <td className="num">{a.value === undefined ? '—' : formatYuanSymbol(a.value)}</td>
      <td className="num">{a.available === undefined ? '—' : formatYuanSymbol(a.available)}</td>
      <td>
        {freezable && (
          <button
            type="button"
            className="btn btn-small"
            data-testid={`asset-freeze-${a.id}`}
            title={t.freeze.openFreezeTitle}
            onClick={() => openFreezeWith(a.id)}
          >
            {t.freeze.openFreeze}
          </button>
        )}
      </td>
    </tr>
  );
}
