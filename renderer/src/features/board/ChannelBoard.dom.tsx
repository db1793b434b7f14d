/**
 * 渠道看板 (docs/board.md): per agency and bank, how it answers this bureau — queries, failed and
 * manual-handling rates, unanswered, answer latency P50/P90/P99 — and the freezes on it still waiting
 * to be deducted, with their age. Read from this workstation's own records when opened and on 刷新.
 */
import { useCallback, useEffect, useState } from 'react';
import { BOARD_DEFAULT_DAYS, ratePct, type ChannelBoard as Board } from '../../../../shared/domain/board';
import { channelInfo } from '../../../../shared/domain/channels';
import type { AppError } from '../../../../shared/errors';
import { channelName, errorText } from '../../i18n/dict';
import { api } from '../../store/api-holder';
import { useT } from '../../store/selectors';
import { formatWhen } from '../../ui/format';
import { DeskBack } from '../shell/DeskBack.dom';

const WINDOWS = [7, 30, 90, 365] as const;

/** a latency for people: ms under a second, seconds under two minutes, then minutes, then hours */
export function latencyText(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

const pct = (part: number, whole: number) => {
  const v = ratePct(part, whole);
  return v === undefined ? '—' : `${v}%`;
};

export function ChannelBoard() {
  const { t, lang } = useT();
  const [days, setDays] = useState<number>(BOARD_DEFAULT_DAYS);
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(async () => {
    const r = await api().board.channels({ days });
    if (r.ok) {
      setBoard(r.value);
      setError(null);
    } else setError(r.error);
  }, [days]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <main className="page desk-page" data-testid="board-view">
      <div className="toolbar">
        <DeskBack />
        <h1>{t.board.title}</h1>
        <label className="inline-label" htmlFor="board-days">{t.board.window}</label>
        <select id="board-days" data-testid="board-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {WINDOWS.map((d) => <option key={d} value={d}>{t.board.days(d)}</option>)}
        </select>
        <button type="button" className="btn btn-small" data-testid="board-refresh" onClick={() => void load()}>{t.board.refresh}</button>
        {board && <span className="muted small">{t.board.asOf(formatWhen(board.asOf))}</span>}
      </div>
      <p className="muted small">{t.board.explain}</p>
      {error && <p className="field-error" role="alert">{errorText(error, lang)}</p>}
      {board && board.rows.length === 0 && <p className="empty" data-testid="board-empty">{t.board.none}</p>}
      {board && board.rows.length > 0 && (
        <div className="panel">
          <table className="table" data-testid="board-table">
            <thead>
              <tr>
                <th scope="col">{t.board.channel}</th><th scope="col" className="num">{t.board.queries}</th><th scope="col" className="num">{t.board.failedRate}</th>
                <th scope="col" className="num">{t.board.manualRate}</th><th scope="col" className="num">{t.board.unanswered}</th>
                <th scope="col" className="num">P50</th><th scope="col" className="num">P90</th><th scope="col" className="num">P99</th>
                <th scope="col" className="num">{t.board.frozen}</th><th scope="col" className="num">{t.board.frozenAge}</th>
              </tr>
            </thead>
            <tbody>
              {board.rows.map((r) => (
                <tr key={r.channel} data-testid={`board-row-${r.channel}`}>
                  <td>{channelName(channelInfo(r.channel), lang)}</td>
                  <td className="num">{r.queries}</td>
                  <td className="num">{pct(r.failed, r.queries)}</td>
                  <td className="num">{pct(r.manual, r.queries)}</td>
                  <td className="num">{r.unanswered || ''}</td>
                  <td className="num">{latencyText(r.p50Ms)}</td>
                  <td className="num">{latencyText(r.p90Ms)}</td>
                  <td className="num">{latencyText(r.p99Ms)}</td>
                  <td className="num" data-testid={`board-frozen-${r.channel}`}>{r.frozenUndeducted || ''}</td>
                  <td className="num">{r.frozenUndeducted ? t.board.age(r.medianFrozenDays ?? 0, r.maxFrozenDays ?? 0) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
