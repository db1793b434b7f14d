/**
 * The permission matrix (docs/domain.md rule 14, docs/authority.md): every act an officer can take, the
 * roles that may take it and the access to the case it needs. The router enforces it before any
 * handler runs; the sandbox gateway enforces the part an agency can see (who decides a measure,
 * who approves a deduction); docs/authority.md prints this table and a test keeps the two equal.
 */
import { ROLES, type Role } from './roles';

/**
 * What an officer may do with one case:
 * - act  — the case is his (the 承办法官), or his team's (a clerk or assistant of that judge);
 * - read — he may look at it (another judge's case read-only; a chief's division; the bureau);
 * - none — not even that (a clerk and another judge's case).
 */
export type CaseAccess = 'none' | 'read' | 'act';

const RANK: Record<CaseAccess, number> = { none: 0, read: 1, act: 2 };

export function hasAccess(have: CaseAccess, need: CaseAccess): boolean {
  return RANK[have] >= RANK[need];
}

export interface ActRule {
  /** who may take the act */
  roles: readonly Role[];
  /** what access to the case it needs; 'none' = not about one case */
  case: CaseAccess;
  /** a role that needs more than `case` (a judge exports evidence of his own cases only) */
  byRole?: Partial<Record<Role, CaseAccess>>;
  zh: string;
  en: string;
}

const ALL = ROLES;
const PREPARERS: readonly Role[] = ['clerk', 'assistant', 'judge'];
const JUDGE: readonly Role[] = ['judge'];
const SENIOR: readonly Role[] = ['chief', 'director'];

export const ACTS = {
  'workstation.use': { roles: ALL, case: 'none', zh: '使用本机（退出登录、查看设置与网络状态）', en: 'use the workstation (sign out, read settings and network state)' },
  'officers.enrol': { roles: ALL, case: 'none', zh: '为本人以登记码登记本机', en: 'enrol oneself on the workstation with one’s own enrolment code' },
  'officers.manage': { roles: SENIOR, case: 'none', zh: '撤销干警在本机的登录权限', en: 'remove an officer’s access to the workstation' },
  'case.read': { roles: ALL, case: 'read', zh: '查阅案件、查询结果与文书', en: 'read a case, its findings and its documents' },
  'case.import': { roles: ALL, case: 'none', zh: '从案件管理系统同步案件', en: 'import the docket from the case-management system' },
  'case.enter': { roles: PREPARERS, case: 'none', zh: '录入案件，待案件管理系统确认', en: 'enter a case for the case-management system to confirm' },
  'query.property': { roles: PREPARERS, case: 'act', zh: '财产查询、复查（书记员代承办法官查询并留痕）', en: 'query property, re-query (a clerk on the judge’s behalf, recorded)' },
  'finding.record': { roles: JUDGE, case: 'act', zh: '认定被执行人拒不履行并逃避或下落不明', en: 'record the finding that a debtor refuses and evades, or is missing' },
  'exemption.record': { roles: JUDGE, case: 'act', zh: '记录所扶养家属人数、认定或取消唯一住房', en: 'record a debtor’s dependants, set or clear the only-home flag' },
  'query.whereabouts': { roles: JUDGE, case: 'act', zh: '下落查询（须已认定）', en: 'query whereabouts (after the finding is recorded)' },
  'measure.draft': { roles: PREPARERS, case: 'act', zh: '拟定冻结、续冻、解冻、扣划草稿', en: 'draft a freeze, renewal, release or deduction' },
  'measure.decide': { roles: JUDGE, case: 'act', zh: '决定并发送冻结、续冻、解冻', en: 'decide and send a freeze, renewal or release' },
  'deduction.decide': { roles: JUDGE, case: 'act', zh: '决定扣划（超过审批额度的须经审批）', en: 'decide a deduction (above the threshold it waits for approval)' },
  'case.close': { roles: ['judge', 'chief', 'director'], case: 'read', byRole: { judge: 'act' }, zh: '结案（执行完毕，解除其余冻结）', en: 'close a case paid in full, releasing what is still frozen' },
  'deduction.approve': { roles: SENIOR, case: 'read', zh: '审批超过额度的扣划', en: 'approve a deduction above the threshold' },
  'settings.bureau': { roles: SENIOR, case: 'none', zh: '修改审批额度、生活费保留标准、提醒与复查时限', en: 'change the threshold, the exempt allowance, reminders and the re-query age' },
  'settings.courtAccounts': { roles: SENIOR, case: 'none', zh: '变更执行款专户（须另一名庭长或局长确认）', en: 'change the court’s receiving accounts (confirmed by a second chief or the director)' },
  'audit.read': { roles: ALL, case: 'read', zh: '查阅本案审计记录', en: 'read a case’s audit trail' },
  'audit.bureau': { roles: SENIOR, case: 'none', zh: '查阅全局审计记录（按干警、按操作）', en: 'read the bureau’s audit trail (by officer, by action)' },
  'evidence.export': { roles: ['judge', 'chief', 'director'], case: 'read', byRole: { judge: 'act' }, zh: '导出经签名的案件证据包', en: 'export a case’s signed evidence' },
  'notice.issue': { roles: PREPARERS, case: 'act', zh: '制作执行通知书、报告财产令，记录送达与财产报告', en: 'make the execution notice and the property-report order, record their service and the report' },
  'notice.queryResult': { roles: PREPARERS, case: 'act', zh: '制作查询结果告知书（逐案或按批量查询）', en: 'make the notice of query results to the applicant (per case or for a batch query)' },
  'credit.draft': { roles: PREPARERS, case: 'act', zh: '拟定纳入失信名单、限制消费令、终结本次执行程序草稿', en: 'draft a dishonest listing, a consumption restriction or a 终本 closing' },
  'credit.propose': { roles: JUDGE, case: 'act', zh: '提请纳入失信名单、限制消费、终结本次执行程序（报庭长审批）', en: 'propose a listing, a restriction or a 终本 closing (for the chief’s approval)' },
  'credit.approve': { roles: SENIOR, case: 'read', zh: '审批纳入失信名单、限制消费令、终结本次执行程序', en: 'approve a listing, a consumption restriction or a 终本 closing' },
  'credit.lift': { roles: JUDGE, case: 'act', zh: '删除失信信息、解除限制消费（履行完毕、提供担保、信用修复或单项解除）', en: 'remove a listing or lift a restriction (paid, secured, repaired, or one journey)' },
  'conduct.confirm': { roles: JUDGE, case: 'act', zh: '确认或改变被执行人失信、失能、积极履行的认定（改变须说明理由）', en: 'confirm or override a debtor’s classification as refusing, unable or performing (an override with a reason)' },
  'case.resume': { roles: JUDGE, case: 'act', zh: '恢复执行（终本后发现财产）', en: 'resume a 终本 case on new property (执恢)' },
  'whereabouts.control': { roles: JUDGE, case: 'act', zh: '下落布控、申请协助临时控制、拟定拘留决定（须已认定）', en: 'monitor whereabouts, request temporary control, draft a detention decision (after the finding)' },
  'alert.handle': { roles: ALL, case: 'read', byRole: { clerk: 'act', assistant: 'act', judge: 'act' }, zh: '确认、处理本案预警', en: 'acknowledge and act on a case’s alerts' },
  'alert.assign': { roles: ['judge', 'chief', 'director'], case: 'read', zh: '分派预警', en: 'assign an alert to an officer' },
  'jobs.manage': { roles: ALL, case: 'none', zh: '查看、暂停、继续、取消后台任务（本人创建或本人案件的）', en: 'see, pause, resume and cancel background jobs (one’s own or of one’s cases)' },
  'document.export': { roles: ALL, case: 'read', zh: '导出文书副本（留痕）', en: 'save a copy of a document (recorded)' },
  'board.read': { roles: ALL, case: 'none', zh: '查看各查控渠道的答复时效、失败与人工处理比例、已冻结未扣划时长', en: 'read the channel service board: answer latency, failure and manual-handling rates, frozen-not-deducted age' },
  'dashboard.read': { roles: ['judge', 'chief', 'director'], case: 'none', zh: '查看执行质效看板（法官只看本人承办的案件）', en: 'see the enforcement dashboard (a judge: his own cases only)' },
  'dashboard.bureau': { roles: SENIOR, case: 'none', zh: '查看全局及各法官的执行质效', en: 'see the bureau’s and each judge’s enforcement figures' },
  'payment.record': { roles: PREPARERS, case: 'act', zh: '记录、撤销被执行人自动履行（撤销须说明理由）', en: 'record or reverse a debtor’s own payment (a reversal with a reason)' },
  'distribution.prepare': { roles: PREPARERS, case: 'act', zh: '登记、撤回参与分配申请，申请定向询价', en: 'record or withdraw a claim to share, ask for a directed valuation' },
  'distribution.decide': { roles: JUDGE, case: 'act', zh: '制作分配方案并记录送达，出具商请移送执行函', en: 'make the distribution plan and record its service, issue a request to transfer' },
} as const satisfies Record<string, ActRule>;

export type Act = keyof typeof ACTS;

export function actRule(act: Act): ActRule {
  return ACTS[act];
}

/** The officer facts the access rule needs (from the officer register). */
export interface AccessHolder {
  code: string;
  role: Role;
  court: string;
  /** clerks and assistants: the judges whose cases they prepare */
  team?: readonly string[];
}

/** The case facts the access rule needs (from the case-management system). */
export interface AccessCase {
  court: string;
  /** 承办人: the officer code of the judge assigned */
  assignee?: string;
  /** a filing entered here and not yet confirmed: its enterer may still act on it */
  enteredBy?: string;
  pending?: boolean;
}

/** How far an officer may go with a case (docs/domain.md rule 14). */
export function caseAccess(o: AccessHolder, c: AccessCase): CaseAccess {
  if (o.court !== c.court) return 'none';
  if (c.pending && c.enteredBy === o.code) return 'act';
  if (c.assignee !== undefined && c.assignee === o.code) return 'act';
  switch (o.role) {
    case 'judge':
      return 'read';
    case 'clerk':
    case 'assistant':
      return c.assignee !== undefined && (o.team ?? []).includes(c.assignee) ? 'act' : 'none';
    case 'chief':
    case 'director':
      return 'read';
  }
}

export type Refusal = { ok: false; reason: 'role' | 'case'; zh: string; en: string };

/** Whether an officer may take an act with the access he has: ok, or why not in the judge's words. */
export function permits(act: Act, role: Role, access: CaseAccess): { ok: true } | Refusal {
  const rule: ActRule = ACTS[act];
  if (!(rule.roles as readonly Role[]).includes(role)) {
    return { ok: false, reason: 'role', zh: `本人职务不能${rule.zh}`, en: `this officer’s role may not ${rule.en}` };
  }
  const need = rule.byRole?.[role] ?? rule.case;
  if (!hasAccess(access, need)) {
    return need === 'act'
      ? { ok: false, reason: 'case', zh: '本案不是本人或本团队承办的案件，只能查阅', en: 'the case is not assigned to this officer or his team: read only' }
      : { ok: false, reason: 'case', zh: '无权查阅本案', en: 'this officer may not read this case' };
  }
  return { ok: true };
}
