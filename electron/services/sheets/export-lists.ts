/**
 * The lists an officer may export to Excel (docs/sheets.md), each read the way its panel reads it
 * and only as far as he may read it: the case list (a clerk: his team's), a case's findings
 * (assets) and measures, the alerts he sees. Each export is an audit entry: who, which list, how
 * many rows. Money in 元 from fen, times in China Standard Time.
 */
import { formatCstDateTime, todayCst } from '../../../shared/dates';
import { ALERT_KIND_LABELS } from '../../../shared/domain/alert-labels';
import type { AlertState } from '../../../shared/domain/alerts';
import { channelInfo } from '../../../shared/domain/channels';
import type { Measure } from '../../../shared/domain/measures';
import type { Asset, CaseSummary, Officer } from '../../../shared/domain/types';
import { CASE_TYPE_NAMES } from '../../../shared/ids/case-number';
import type { AlertView } from '../../../shared/ipc/groups/alerts';
import type { SheetFile } from '../../../shared/ipc/groups/sheets';
import { ALERT_STATE_ZH, ASSET_KIND_ZH, CASE_STATUS_ZH, FILING_ZH, MEASURE_KIND_ZH, MEASURE_STATE_ZH } from '../../../shared/sheets/labels';
import type { SecureStore } from '../../store';
import type { StoredCase } from '../../store/cases';
import { alertCaseIds, alertView } from '../alerts/visibility';
import type { Deps } from '../deps';
import { caseListQuery } from '../handlers/cases';
import { sheetFileName, writeSheet, type SheetColumn } from './write-sheet';

type Who = { store: SecureStore; officer: Officer };
type ListName = 'cases' | 'assets' | 'measures' | 'alerts';

const PAGE = 500;
const MAX_EXPORT_ROWS = 100_000;

async function exported<T>(d: Deps, s: Who, list: ListName, title: string, columns: readonly SheetColumn<T>[], rows: readonly T[], c?: StoredCase): Promise<SheetFile> {
  const bytes = await writeSheet(title, columns, rows);
  s.store.audit.append({
    officer: s.officer.code, action: 'sheet.export', ...(c ? { caseId: c.id, caseNumber: c.number } : {}),
    detail: { list, rows: rows.length },
  });
  const name = c ? `${c.number}-${title}` : title;
  return { fileName: sheetFileName(name, todayCst(d.now())), base64: bytes.toString('base64'), rows: rows.length };
}

function officerName(store: SecureStore): (code?: string) => string {
  const names = new Map(store.officers.list().map((o) => [o.code, o.name]));
  return (code) => {
    if (!code) return '';
    const name = names.get(code);
    return name ? `${name}（${code}）` : code;
  };
}

export function caseColumns(store: SecureStore): SheetColumn<CaseSummary>[] {
  const who = officerName(store);
  return [
    { header: '案号', width: 26, value: (c) => c.number },
    { header: '案件类型', value: (c) => CASE_TYPE_NAMES[c.type].zh },
    { header: '立案日期', width: 12, value: (c) => c.filedOn },
    { header: '申请执行人', width: 24, value: (c) => c.applicantName },
    { header: '被执行人', width: 30, value: (c) => c.debtorNames.join('；') },
    { header: '执行标的（元）', money: true, value: (c) => c.amountOwed },
    { header: '已执行到位（元）', money: true, value: (c) => c.recovered },
    { header: '承办人', width: 20, value: (c) => who(c.assignee) },
    { header: '立案核对', width: 18, value: (c) => FILING_ZH[c.filing] },
    { header: '状态', width: 8, value: (c) => CASE_STATUS_ZH[c.status] },
    { header: '结案日期', width: 12, value: (c) => c.closedOn },
  ];
}

export async function exportCases(d: Deps, s: Who, q: { search?: string; status?: 'open' | 'closed' | 'all'; mine?: boolean }): Promise<SheetFile> {
  const rows: CaseSummary[] = [];
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += PAGE) {
    const page = s.store.cases.list(caseListQuery(s.officer, { ...q, offset, limit: PAGE }));
    rows.push(...page.items);
    if (page.items.length < PAGE || rows.length >= page.total) break;
  }
  return exported(d, s, 'cases', '案件清单', caseColumns(s.store), rows);
}

export function assetColumns(c: StoredCase): SheetColumn<Asset>[] {
  const party = new Map(c.parties.map((p) => [p.id, p.name]));
  return [
    { header: '被执行人', width: 20, value: (a) => party.get(a.partyId) },
    { header: '查询渠道', width: 18, value: (a) => channelInfo(a.channel).zh },
    { header: '财产类别', width: 12, value: (a) => ASSET_KIND_ZH[a.kind] },
    { header: '机构', width: 22, value: (a) => a.institution },
    { header: '账号/编号', width: 26, value: (a) => a.identifier },
    { header: '说明', width: 30, value: (a) => a.description },
    { header: '金额/价值（元）', money: true, value: (a) => a.value },
    { header: '可用（元）', money: true, value: (a) => a.available },
    { header: '他案冻结', width: 30, value: (a) => a.existingFreezes.map((f) => `${f.court}${f.until ? ` 至 ${f.until}` : ''}`).join('；') },
    { header: '发现时间', width: 17, value: (a) => formatCstDateTime(a.foundAt) },
  ];
}

export function exportAssets(d: Deps, s: Who, c: StoredCase): Promise<SheetFile> {
  return exported(d, s, 'assets', '财产', assetColumns(c), s.store.caseQueryView(c.id).assets, c);
}

export function measureColumns(c: StoredCase, store: SecureStore): SheetColumn<Measure>[] {
  const party = new Map(c.parties.map((p) => [p.id, p.name]));
  const who = officerName(store);
  return [
    { header: '措施', width: 10, value: (m) => MEASURE_KIND_ZH[m.kind] },
    { header: '状态', width: 16, value: (m) => MEASURE_STATE_ZH[m.state] },
    { header: '被执行人', width: 20, value: (m) => party.get(m.partyId) },
    { header: '协助执行单位', width: 18, value: (m) => channelInfo(m.channel).zh },
    { header: '财产类别', width: 12, value: (m) => ASSET_KIND_ZH[m.assetKind] },
    { header: '账号/编号', width: 26, value: (m) => m.assetIdentifier },
    { header: '金额（元）', money: true, value: (m) => m.amount },
    { header: '期限至', width: 12, value: (m) => m.endsOn },
    { header: '决定人', width: 20, value: (m) => who(m.decidedBy) },
    { header: '创建时间', width: 17, value: (m) => formatCstDateTime(m.createdAt) },
  ];
}

export function exportMeasures(d: Deps, s: Who, c: StoredCase): Promise<SheetFile> {
  return exported(d, s, 'measures', '措施', measureColumns(c, s.store), s.store.measures.listForCase(c.id), c);
}

export const ALERT_COLUMNS: readonly SheetColumn<AlertView>[] = [
  { header: '案号', width: 26, value: (a) => a.caseNumber },
  { header: '预警类别', width: 18, value: (a) => ALERT_KIND_LABELS[a.kind].zh },
  { header: '原因', width: 50, value: (a) => a.reason.zh },
  { header: '状态', width: 10, value: (a) => ALERT_STATE_ZH[a.state] },
  { header: '发出时间', width: 17, value: (a) => formatCstDateTime(a.raisedAt) },
  { header: '分派给', width: 14, value: (a) => a.assignedTo },
];

export function exportAlerts(d: Deps, s: Who, states?: readonly AlertState[]): Promise<SheetFile> {
  const caseIds = alertCaseIds(s.store, s.officer);
  const alerts = s.store.alerts.list({ ...(caseIds ? { caseIds } : {}), states: [...(states ?? ['open', 'acknowledged'])], limit: MAX_EXPORT_ROWS });
  const numbers = s.store.alertScans.caseNumbers(alerts.map((a) => a.caseId));
  return exported(d, s, 'alerts', '预警', ALERT_COLUMNS, alerts.map((a) => alertView(s.store, a, numbers)));
}
