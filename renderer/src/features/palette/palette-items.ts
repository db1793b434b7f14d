/**
 * What the command palette offers: the cases the renderer already holds (the open case, the loaded
 * pages of the case list) and those cases.list found for what was typed (use-case-search.ts), by
 * case number or party name, and the shell's actions. An
 * action the officer's role may not take (shared/authority/matrix.ts) is listed disabled with the
 * reason; one that needs an open case is left out when none is open. Nothing here is stored.
 */
import { permits, type Act } from '../../../../shared/authority/matrix';
import type { Dict, Lang } from '../../i18n/dict';
import type { CaseSummary } from '../../../../shared/domain/types';
import type { AppState } from '../../store';
import { keyText, type ShortcutId } from '../../ui/shortcuts';

export interface PaletteAction {
  id: string;
  label(t: Dict): string;
  shortcut?: ShortcutId;
  /** the act the officer's role must be allowed (`read` for one that only shows) */
  act?: { act: Act; mode: 'act' | 'read' };
  needsCase?: boolean;
  run(s: AppState): void;
}

const desk = (v: Parameters<AppState['setDeskView']>[0]) => (s: AppState) => s.setDeskView(v);
const tab = (v: Parameters<AppState['setWorkspaceTab']>[0]) => (s: AppState) => {
  s.setDeskView('main');
  s.setWorkspaceTab(v);
};

export const PALETTE_ACTIONS: readonly PaletteAction[] = [
  { id: 'query', label: (t) => t.query.start, shortcut: 'ws.query', act: { act: 'query.property', mode: 'act' }, needsCase: true,
    run: (s) => { tab('query')(s); void s.startQuery(); } },
  { id: 'freeze', label: (t) => t.wsTabs.freeze, shortcut: 'ws.freeze', act: { act: 'measure.draft', mode: 'act' }, needsCase: true, run: tab('freeze') },
  { id: 'deduct', label: (t) => t.wsTabs.deduct, shortcut: 'ws.deduct', act: { act: 'measure.draft', mode: 'act' }, needsCase: true, run: tab('deduct') },
  { id: 'credit', label: (t) => t.wsTabs.credit, shortcut: 'ws.credit', act: { act: 'credit.draft', mode: 'act' }, needsCase: true, run: tab('credit') },
  { id: 'restrict', label: (t) => t.restriction.title, shortcut: 'ws.restrict', act: { act: 'credit.draft', mode: 'act' }, needsCase: true, run: tab('restrict') },
  { id: 'hearing', label: (t) => t.palette.hearing, shortcut: 'ws.hearing', act: { act: 'deduction.decide', mode: 'act' }, needsCase: true,
    run: (s) => { s.setDeskView('main'); s.setHearing(true); } },
  { id: 'alerts', label: (t) => t.alerts.title, run: (s) => s.setAlertsOpen(true) },
  { id: 'reminders', label: (t) => t.reminders.title, run: (s) => s.setRemindersOpen(true) },
  { id: 'outbox', label: (t) => t.desk.outbox, run: desk('outbox') },
  { id: 'calendar', label: (t) => t.desk.calendar, shortcut: 'desk.calendar', run: desk('calendar') },
  { id: 'jobs', label: (t) => t.jobs.title, act: { act: 'jobs.manage', mode: 'act' }, run: desk('jobs') },
  { id: 'approvals', label: (t) => t.desk.approvalsNav, act: { act: 'deduction.approve', mode: 'read' }, run: desk('approvals') },
  { id: 'audit', label: (t) => t.desk.auditTitle, run: desk('audit') },
  { id: 'settings', label: (t) => t.desk.settings, run: desk('settings') },
  { id: 'newCase', label: (t) => t.caseList.newCase, act: { act: 'case.enter', mode: 'act' },
    run: (s) => { s.setDeskView('main'); s.setNewCaseOpen(true); } },
  { id: 'cases', label: (t) => t.palette.cases, run: (s) => { s.setDeskView('main'); s.closeCase(); } },
  { id: 'help', label: (t) => t.palette.help, shortcut: 'help.open', run: (s) => s.setShortcutHelpOpen(true) },
  { id: 'lang', label: (t) => t.header.switchLanguage, run: (s) => s.setLang(s.lang === 'zh' ? 'en' : 'zh') },
];

export type PaletteItem =
  | { kind: 'case'; key: string; caseId: string; number: string; parties: string }
  | { kind: 'action'; key: string; action: PaletteAction; label: string; keys?: string; blocked?: string };

/** at most this many cases listed: type more to narrow */
export const PALETTE_CASES = 30;

function norm(x: string): string {
  return x.toLowerCase().replace(/[\s（）()]/g, '');
}

function caseItems(s: AppState, q: string, found: readonly CaseSummary[]): PaletteItem[] {
  const seen = new Set<string>();
  const rows = [...(s.currentCase ? [s.currentCase] : []), ...Object.values(s.caseRows), ...found];
  const out: PaletteItem[] = [];
  for (const c of rows) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const parties = [c.applicantName, ...c.debtorNames].join('、');
    if (q && !norm(c.number).includes(q) && !norm(parties).includes(q)) continue;
    out.push({ kind: 'case', key: `case:${c.id}`, caseId: c.id, number: c.number, parties });
    if (out.length >= PALETTE_CASES) break;
  }
  return out;
}

function actionItems(s: AppState, t: Dict, lang: Lang, q: string): PaletteItem[] {
  const role = s.officer?.role;
  const inCase = s.currentCaseId !== null;
  const out: PaletteItem[] = [];
  for (const a of PALETTE_ACTIONS) {
    if (a.needsCase && !inCase) continue;
    const label = a.label(t);
    if (q && !norm(label).includes(q) && !norm(a.id).includes(q)) continue;
    const r = a.act && role ? permits(a.act.act, role, a.act.mode) : undefined;
    const blocked = r && !r.ok ? r[lang] : undefined;
    out.push({ kind: 'action', key: `action:${a.id}`, action: a, label, ...(a.shortcut ? { keys: keyText(a.shortcut) } : {}), ...(blocked ? { blocked } : {}) });
  }
  return out;
}

/** Actions first when nothing is typed; cases first once the judge types (a case number, a name). */
export function paletteItems(s: AppState, t: Dict, lang: Lang, query: string, found: readonly CaseSummary[] = []): PaletteItem[] {
  const q = norm(query.trim());
  const cases = caseItems(s, q, found);
  const actions = actionItems(s, t, lang, q);
  return q ? [...cases, ...actions] : [...actions, ...cases];
}
