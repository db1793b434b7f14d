/**
 * The confirmation before a freeze or a renewal goes, then its progress item by item
 * (features/freeze/send-batch.ts): what will be sent — asset, institution and account, amount,
 * period 自…起至…止, the documents — with 确认发送 / 返回修改; once confirmed, each item's own state
 * (文书已生成 / 已排队 / 已发送 / 已确认 / 被拒绝 with the agency's reason).
 */
import { useEffect, useRef } from 'react';
import { formatYuanSymbol } from '../../../../shared/money';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { todayCst } from '../../../../shared/dates';
import { DateField } from '../../ui/DateField.dom';
import { progressOf, renewEndError, type SendBatch, type SendItem } from './send-batch';
import { matches } from '../../ui/shortcuts';

export function SendDialog() {
  const { t, lang } = useT();
  const b = useAppStore((s) => s.sendBatch);
  const offline = useAppStore((s) => s.network !== null && !s.network.online);
  const confirm = useAppStore((s) => s.confirmSend);
  const close = useAppStore((s) => s.closeSend);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const open = b !== null;

  useEffect(() => {
    if (open) confirmRef.current?.focus();
  }, [open]);

  if (!b) return null;
  const confirming = b.phase !== 'sent';
  const total = b.items.reduce((n, i) => n + (i.amount ?? 0), 0);
  const spansCases = b.items.some((i) => i.caseNumber);
  const showState = b.phase !== 'confirm' || Object.keys(b.itemErrors).length > 0;
  const endError = renewEndError(b, todayCst());

  return (
    <div className="overlay" role="presentation">
      <div
        className="dialog dialog-wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="send-title"
        data-testid="send-dialog"
        data-phase={b.phase}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (matches('dialog.close', e)) {
            e.preventDefault();
            close();
          }
        }}
      >
        <h2 id="send-title">{b.kind === 'freeze' ? t.send.freezeTitle : t.send.renewTitle}</h2>
        <p className="muted small" data-testid="send-intro">
          {b.phase === 'sent' ? t.send.sent(Object.keys(b.measures).length) : t.send.intro(b.items.length)}
        </p>
        <table className="table compact" data-testid="send-items">
          <thead>
            <tr>
              {spansCases && <th scope="col">{t.send.caseNumber}</th>}
              <th scope="col">{t.send.asset}</th>
              <th scope="col">{t.send.account}</th>
              <th scope="col" className="num">{t.send.amount}</th>
              <th scope="col">{t.send.period}</th>
              <th scope="col">{t.send.documents}</th>
              {showState && <th scope="col">{t.send.state}</th>}
            </tr>
          </thead>
          <tbody>
            {b.items.map((i) => (
              <ItemRow key={i.key} b={b} i={i} spansCases={spansCases} showState={showState} offline={offline} />
            ))}
          </tbody>
        </table>
        {total > 0 && (
          <p className="num small" data-testid="send-total">
            {t.send.total(formatYuanSymbol(total))}
          </p>
        )}
        {b.error && (
          <div className="field-error" role="alert" data-testid="send-error">
            {t.send.refused}
            {errorText(b.error, lang)}
          </div>
        )}
        <div className="dialog-actions">
          {confirming ? (
            <>
              <button type="button" className="btn" data-testid="send-back" disabled={b.phase === 'sending'} onClick={close}>
                {t.send.back}
              </button>
              <button
                ref={confirmRef}
                type="button"
                className="btn btn-primary"
                data-testid="send-confirm"
                disabled={b.phase === 'sending' || endError !== null}
                onClick={() => void confirm()}
              >
                {b.phase === 'sending' ? t.send.sending : t.send.confirm}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-primary" data-testid="send-close" onClick={close}>
              {t.send.close}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

function ItemRow({ b, i, spansCases, showState, offline }: { b: SendBatch; i: SendItem; spansCases: boolean; showState: boolean; offline: boolean }) {
  const { t, lang } = useT();
  const m = b.measures[i.key];
  const p = progressOf(b, i.key, offline);
  const refusal = b.itemErrors[i.key];
  return (
    <tr data-testid={`send-item-${i.key}`}>
      {spansCases && <td className="mono nowrap">{i.caseNumber}</td>}
      <td>
        {i.institution}
        {i.assetKind && <span className="muted small"> {t.assets.kinds[i.assetKind]}</span>}
      </td>
      <td className="mono small">{i.account}</td>
      <td className="num" data-testid={`send-amount-${i.key}`}>
        {i.amount === undefined ? t.send.whole : formatYuanSymbol(i.amount)}
      </td>
      <td>
        <div data-testid={`send-period-${i.key}`}>{t.send.periodText(b.kind, i.start, endOf(b, i))}</div>
        {b.kind === 'renew' && b.items.length === 1 && b.phase === 'confirm' && <RenewEnd b={b} i={i} />}
      </td>
      <td className="small" data-testid={`send-docs-${i.key}`}>
        {m && m.documents.length > 0 ? (
          <span data-testid={`send-docs-made-${i.key}`}>
            {t.send.docsMade}
            {m.documents.map((d) => `${d.type} ${d.number}`).join('；')}
          </span>
        ) : (
          i.documents.join('、')
        )}
      </td>
      {showState ? (
        <td data-testid={`send-state-${i.key}`} data-state={p}>
          <span className={`mstate mstate-${p}`}>{t.send.progress[p]}</span>
          {m?.state === 'rejected' && m.outcome?.rejection && (
            <div className="text-danger small" data-testid={`send-rejection-${i.key}`}>
              {t.send.rejected(m.outcome.rejection.message)}
            </div>
          )}
          {refusal && (
            <div className="field-error small" data-testid={`send-refusal-${i.key}`}>
              {errorText(refusal, lang)}
            </div>
          )}
        </td>
      ) : null}
    </tr>
  );
}

/** The end a renewal will carry: the judge's date once it is lawful, else the longest the law allows. */
function endOf(b: SendBatch, i: SendItem): string {
  return b.kind === 'renew' && b.items.length === 1 && b.endsOn && !renewEndError(b, todayCst()) ? b.endsOn : i.end;
}

/** A single renewal may end earlier than the law allows: its end date, typed 年-月-日. */
function RenewEnd({ b, i }: { b: SendBatch; i: SendItem }) {
  const { t, lang } = useT();
  const setEnd = useAppStore((s) => s.setRenewEnd);
  const error = renewEndError(b, todayCst());
  return (
    <div className="small">
      <label htmlFor="send-renew-end">{t.send.renewEnd}</label>{' '}
      <DateField
        id="send-renew-end"
        testId="send-renew-end"
        value={b.endsOn ?? i.end}
        max={i.end}
        invalid={error !== null}
        describedBy={error ? 'send-renew-end-error' : undefined}
        onChange={setEnd}
      />
      {error && (
        <div className="field-error" id="send-renew-end-error" data-testid="send-renew-end-error" role="alert">
          {lang === 'zh' ? error.zh : error.en}
        </div>
      )}
    </div>
  );
}
