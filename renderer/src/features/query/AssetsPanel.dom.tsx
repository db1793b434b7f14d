/** Assets found, with totals by kind and the grand total of liquid funds (deposits, online funds), then the table of them. */
import { useMemo } from 'react';
import { formatYuanSymbol } from '../../../../shared/money';
import { useAppStore } from '../../store';
import { ASSET_KINDS, LIQUID_KINDS } from '../../store/slices/query';
import { useT } from '../../store/selectors';
import { usePartyNames } from './party-names';
import { api } from '../../store/api-holder';
import { SheetExportButton } from '../sheets/SheetExportButton.dom';
import { AssetTable } from './AssetTable.dom';

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
        <AssetTable assets={sorted} names={names} />
      )}
    </div>
  );
}
