/**
 * Channel × debtor grid: rows are the channels (national, then provincial), columns the debtors.
 * Each cell shows the newest request's state live; failed cells give the reason on hover or focus
 * and a retry; answered cells the number of items found.
 */
import { CHANNELS, type ChannelInfo } from '../../../../shared/domain/channels';
import type { Party } from '../../../../shared/domain/types';
import { channelName } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useCellRequest, useDebtors, useT } from '../../store/selectors';

const GROUPS: { network: ChannelInfo['network']; channels: ChannelInfo[] }[] = [
  { network: 'national', channels: CHANNELS.filter((c) => c.network === 'national') },
  { network: 'provincial', channels: CHANNELS.filter((c) => c.network === 'provincial') },
];

export function QueryGrid() {
  const { t, lang } = useT();
  const debtors = useDebtors();
  if (!debtors.length) return <p className="muted">{t.query.noDebtors}</p>;
  return (
    <div className="grid-wrap">
      <table className="table query-grid" data-testid="query-grid">
        <thead>
          <tr>
            <th scope="col">{t.query.channel}</th>
            {debtors.map((d) => (
              <th scope="col" key={d.id} data-testid={`query-col-${d.id}`}>
                {d.name}
              </th>
            ))}
          </tr>
        </thead>
        {GROUPS.map((g) => (
          <tbody key={g.network}>
            <tr className="group-row">
              <th scope="rowgroup" colSpan={debtors.length + 1}>
                {g.network === 'national' ? t.query.national : t.query.provincial}
              </th>
            </tr>
            {g.channels.map((c) => (
              <tr key={c.id}>
                <th scope="row" className="channel-name">
                  {channelName(c, lang)}
                </th>
                {debtors.map((d) => (
                  <QueryCell key={d.id} channel={c} debtor={d} />
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function QueryCell({ channel, debtor }: { channel: ChannelInfo; debtor: Party }) {
  const { t, lang } = useT();
  const r = useCellRequest(channel.id, debtor.id);
  const found = useAppStore((s) => (r ? (s.foundByRequest[r.id] ?? 0) : 0));
  const retrying = useAppStore((s) => (r ? !!s.retrying[r.id] : false));
  const retry = useAppStore((s) => s.retryRequest);
  const testId = `query-cell-${channel.id}-${debtor.id}`;

  if (debtor.kind === 'company' && !channel.forCompanies) {
    return (
      <td className="qcell qcell-na" data-testid={testId} data-state="na">
        {t.query.notApplicable}
      </td>
    );
  }
  if (!r) {
    return (
      <td className="qcell qcell-none" data-testid={testId} data-state="none">
        {t.query.none}
      </td>
    );
  }
  const reason = r.error ? (lang === 'zh' ? r.error.message : r.error.messageEn) : null;
  const tipId = `${testId}-tip`;
  const canRetry = r.state === 'failed' || r.state === 'manual';
  return (
    <td className={`qcell qcell-${r.state}`} data-testid={testId} data-state={r.state} title={reason ?? undefined}>
      <span
        className="qstate"
        tabIndex={reason ? 0 : undefined}
        aria-describedby={reason ? tipId : undefined}
      >
        {t.query.state[r.state]}
      </span>
      {r.state === 'answered' && (
        <span className="qfound" data-testid={`query-found-${channel.id}-${debtor.id}`}>
          {found > 0 ? t.query.found(found) : t.query.nothingFound}
        </span>
      )}
      {reason && (
        <span className="qtip" role="tooltip" id={tipId} data-testid={`query-reason-${channel.id}-${debtor.id}`}>
          {t.query.failedReason}
          {lang === 'zh' ? '：' : ': '}
          {reason}
        </span>
      )}
      {canRetry && (
        <button
          type="button"
          className="btn btn-small"
          data-testid={`query-retry-${channel.id}-${debtor.id}`}
          disabled={retrying}
          onClick={() => void retry(r.id)}
        >
          {t.query.retry}
        </button>
      )}
    </td>
  );
}
