/**
 * 庭审模式: the deduction on a screen the parties watch. Full screen, large type, one account at a
 * time; the same re-query of the frozen balance first, one big confirmation with the officer's
 * password. Nothing personal is shown but the account being deducted: the debtor's name and the
 * masked account number — never an ID number, never another account, never another party.
 * ← and → (or the buttons) go to the previous and next account, before and after a deduction
 * alike: an account deducted here keeps its place and shows its result. H or Esc leaves it.
 */
import { useEffect, useMemo } from 'react';
import { channelInfo, isChannelId } from '../../../../shared/domain/channels';
import { channelName } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { hasModifier, isEditable } from '../../ui/keys';
import { maskAccount } from '../../ui/mask';
import { DeductionForm } from './DeductionForm.dom';
import { deductibleFreezes, hearingRoster } from './deductible';
import { ariaKeys, matches } from '../../ui/shortcuts';

export function HearingMode() {
  const { t, lang } = useT();
  const cm = useAppStore((s) => s.caseMeasures);
  const caseNumber = useAppStore((s) => s.currentCase?.number);
  const chosen = useAppStore((s) => s.deductFreezeId);
  const busy = useAppStore((s) => s.deductPhase === 'submitting');
  const choose = useAppStore((s) => s.chooseDeductFreeze);
  const setHearing = useAppStore((s) => s.setHearing);
  const results = useAppStore((s) => s.deductResults);
  const freezes = useMemo(() => deductibleFreezes(cm), [cm]);
  const roster = useMemo(() => hearingRoster(cm, Object.keys(results)), [cm, results]);
  const index = roster.findIndex((m) => m.id === chosen);
  const decided = useAppStore((s) => s.deductMeasure !== null);
  const current = index >= 0 ? roster[index] : undefined;
  const debtorName = useAppStore((s) => s.currentCase?.parties.find((p) => p.id === current?.partyId)?.name);

  // one account at a time: the first, unless one is already in hand
  useEffect(() => {
    if (freezes.length > 0 && index < 0 && !decided) void choose(freezes[0]!.measure.id);
  }, [freezes, index, decided, choose]);

  const go = (delta: number) => {
    const s = useAppStore.getState();
    if (s.deductPhase === 'submitting' || roster.length < 2) return;
    const at = roster.findIndex((m) => m.id === s.deductFreezeId);
    const next = roster[(Math.max(at, 0) + delta + roster.length) % roster.length];
    if (next) void choose(next.id);
  };

  // full screen where the platform allows it
  useEffect(() => {
    const el = document.documentElement;
    if (typeof el.requestFullscreen === 'function' && !document.fullscreenElement) el.requestFullscreen().catch(() => {});
    return () => {
      if (document.fullscreenElement && typeof document.exitFullscreen === 'function') document.exitFullscreen().catch(() => {});
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || hasModifier(e)) return;
      if (useAppStore.getState().approvalFor) return;
      if (matches('hearing.exit', e) && (e.key === 'Escape' || !isEditable(e.target))) {
        e.preventDefault();
        setHearing(false);
      } else if ((matches('hearing.prev', e) || matches('hearing.next', e)) && !isEditable(e.target)) {
        e.preventDefault();
        go(matches('hearing.next', e) ? 1 : -1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
  const institution = current && (isChannelId(current.channel) ? channelName(channelInfo(current.channel), lang) : current.channel);

  return (
    <div className="hearing" data-testid="hearing-mode" role="dialog" aria-modal="true" aria-labelledby="hearing-title">
      <header className="hearing-head">
        <h1 id="hearing-title">{t.hearing.title}</h1>
        {caseNumber && <span className="mono hearing-case">{caseNumber}</span>}
        <span className="toolbar-spacer" />
        <button type="button" className="btn" data-testid="hearing-exit" aria-keyshortcuts={ariaKeys('hearing.exit')} title={t.hearing.exit} onClick={() => setHearing(false)}>
          {t.hearing.exit}
        </button>
      </header>
      {!current ? (
        <p className="hearing-empty" data-testid="hearing-none">
          {cm ? t.hearing.none : t.app.loading}
        </p>
      ) : (
        <main className="hearing-body">
          <div className="hearing-account" data-testid="hearing-account-card">
            <div className="hearing-label">{t.hearing.debtor}</div>
            <div className="hearing-debtor" data-testid="hearing-debtor">
              {debtorName}
            </div>
            <div className="hearing-label">{t.hearing.account}</div>
            <div className="hearing-number mono" data-testid="hearing-account">
              {institution} {maskAccount(current.assetIdentifier)}
            </div>
            {roster.length > 1 && (
              <div className="hearing-nav">
                <button type="button" className="btn" data-testid="hearing-prev" aria-keyshortcuts={ariaKeys('hearing.prev')} disabled={busy} onClick={() => go(-1)}>
                  ← {t.hearing.prev}
                </button>
                <span data-testid="hearing-position">{t.hearing.position(index + 1, roster.length)}</span>
                <button type="button" className="btn" data-testid="hearing-next" aria-keyshortcuts={ariaKeys('hearing.next')} disabled={busy} onClick={() => go(1)}>
                  {t.hearing.next} →
                </button>
              </div>
            )}
          </div>
          <DeductionForm variant="hearing" />
        </main>
      )}
    </div>
  );
}
