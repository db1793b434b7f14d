/** Assets found, with totals by kind and the grand total of liquid funds (deposits, online funds). */
import { useMemo } from 'react';
import { formatYuanSymbol } from '../../../../shared/money';
import type { Asset } from '../../../../shared/domain/types';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';
import { channelName } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { ASSET_KINDS, LIQUID_KINDS } from '../../store/slices/query';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { usePartyNames } from './party-names';
import { api } from '../../store/api-holder';
import { SheetExportButton } from '../sheets/SheetExportButton.dom';

export function AssetsPanel() {
  const { t } = useT();
  const assets = useAppStore((s) => s.assets);
  const totals = useAppStore((s) => s.totals);
  const names = usePartyNames();
  const caseId = useAppStore((s) => s.currentCase?.id);

  const { sorted, valued, liquid, liquidAvailable } = useMemo(() => {
    const order = new Map(ASSET_KINDS.map((k, i) => [k, i]));
    const sorted = [...assets].sort(
      (a, b) => (order.get(a.kind) ?? 99) - (order.get(b.kind) ?? 99) || (b.value ?? -1) - (a.value ?? -1),
    );
    const valued = new Set(assets.filter((a) => a.value !== undefined).map((a) => a.kind));
    let liquid = 0;
    let liquidAvailable = 0;
    for (const a of assets) {
      if (!LIQUID_KINDS.includes(a.kind) || a.value === undefined) continue;
      liquid += a.value;
      liquidAvailable += a.available ?? a.value;
    }
    return { sorted, valued, liquid, liquidAvailable };
  }, [assets]);

  return (
    <div className="assets">
      <div className="section-head">
        <h3 className="section-title">{t.assets.totals}</h3>
        {caseId && <SheetExportButton list="assets" run={() => api().sheets.exportAssets({ caseId })} />}
      </div>
      <div className="totals-grid" data-testid="asset-totals">
        {totals.map((x) => (
          <div key={x.kind} className={`tile${x.count ? '' : ' dim'}`} data-testid={`asset-total-${x.kind}`}>
            <div className="tile-label">
              {t.assets.kinds[x.kind]}
              <span className="tile-count">{t.assets.count(x.count)}</span>
            </div>
            <div className="tile-value num" data-testid={`asset-total-${x.kind}-value`}>
              {x.count && !valued.has(x.kind) ? <span className="muted small">{t.assets.noValue}</span> : formatYuanSymbol(x.value)}
            </div>
          </div>
        ))}
      </div>
      <div className="liquid" data-testid="asset-total-liquid">
        <span>{t.assets.liquid}</span>
        <strong className="num" data-testid="asset-total-liquid-value">
          {formatYuanSymbol(liquid)}
        </strong>
        {liquidAvailable !== liquid && <span className="muted">{t.assets.liquidAvailable(formatYuanSymbol(liquidAvailable))}</span>}
      </div>
      {sorted.length === 0 ? (
        <p className="empty" data-testid="assets-empty">
          {t.assets.none}
        </p>
      ) : (
        <div className="list-wrap">
          <table className="table" data-testid="asset-list">
            <thead>
              <tr>
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
            <tbody>
              {sorted.map((a) => (
                <AssetRow key={a.id} a={a} debtor={names[a.partyId] ?? ''} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function AssetRow({ a, debtor }: { a: Asset; debtor: string }) {
  const { t, lang } = useT();
  const openFreezeWith = useAppStore((s) => s.openFreezeWith);
  const freezable = isChannelId(a.channel) && channelInfo(a.channel).measures.includes('freeze');
  return (
    <tr data-testid="asset-row" data-asset-id={a.id} data-kind={a.kind}>
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
