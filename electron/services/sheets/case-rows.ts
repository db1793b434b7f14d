/**
 * The per-row check of an imported case list (docs/sheets.md), in the judge's words: row number,
 * column, what is wrong. Each column is read with the project's own parsers (case number, resident
 * ID, credit code, 元, dates); a row whose columns all read is then put through the check of a case
 * entered by hand (validateNewCase, electron/services/case-input.ts), the one that counts.
 */
import { AppFailure } from '../../../shared/app-failure';
import { describeError } from '../../../shared/errors';
import { parseCaseNumber } from '../../../shared/ids/case-number';
import { parseCreditCode } from '../../../shared/ids/credit-code';
import { parseResidentId } from '../../../shared/ids/resident-id';
import { validateSubjectId } from '../../../shared/ids/subject-id';
import { todayCst } from '../../../shared/dates';
import type { CallInput } from '../../../shared/ipc/contract';
import type { Officer, PartyKind } from '../../../shared/domain/types';
import type { SheetProblem } from '../../../shared/ipc/groups/sheets';
import { caseColumnHeader, type CaseColumnKey, splitParties } from '../../../shared/sheets/case-columns';
import { validateNewCase, type NewCase } from '../case-input';
import { amountOf, dateOf, idTextOf, type CellResult } from './cell-values';
import type { SheetCell } from './read-sheet';

export const MAX_DEBTORS = 20;
/** the 案由 of a row that names none: the case-management system's own replaces it on confirmation */
export const CAUSE_TO_CONFIRM = '待案件管理系统确认';

export interface RowContext {
  now: Date;
  court: string;
  /** the officer register as the workstation holds it */
  officers: readonly Officer[];
  /** a case with this (normalised) number is already on this workstation */
  known(number: string): boolean;
}

export interface GoodRow {
  row: number;
  input: CallInput<'cases', 'create'>;
  checked: NewCase;
  /** the 承办人 the list names (the case-management system's assignment is the one that counts) */
  officer: string;
}

type Party = CallInput<'cases', 'create'>['applicant'];

/** A resident ID is digits (with a final X); anything else is taken for a credit code, unless only a credit code fits. */
export function partyKindOf(id: string, today: string): PartyKind {
  if (!/^\d+X?$/.test(id)) return 'company';
  return !parseResidentId(id, today).ok && parseCreditCode(id).ok ? 'company' : 'person';
}

class RowCheck {
  readonly problems: SheetProblem[] = [];
  constructor(readonly row: number, readonly cell: (k: CaseColumnKey) => SheetCell) {}

  say(key: CaseColumnKey | undefined, said: { zh: string; en: string }): void {
    this.problems.push({ row: this.row, ...(key ? { key, column: caseColumnHeader(key) } : {}), zh: said.zh, en: said.en });
  }

  text(k: CaseColumnKey): string {
    return this.cell(k).text.trim();
  }

  take<T>(k: CaseColumnKey, r: CellResult<T>): T | undefined {
    if (r.ok) return r.value;
    this.say(k, r.said);
    return undefined;
  }
}

function partyOf(ch: RowCheck, name: string, rawId: CellResult<string>, k: CaseColumnKey, who: string, today: string): Party | undefined {
  const id = ch.take(k, rawId);
  if (id === undefined) return undefined;
  if (!id) return ch.say(k, { zh: `${who}的证件号码未填写`, en: `${who}: the ID number is empty` }), undefined;
  const kind = partyKindOf(id, today);
  const v = validateSubjectId(kind, id, today);
  if (!v.ok) return ch.say(k, { zh: `${who}${describeError(v.error, 'zh')}`, en: `${who}: ${describeError(v.error, 'en')}` }), undefined;
  return name ? { kind, name, idNumber: v.value } : undefined;
}

function debtorsOf(ch: RowCheck, today: string): Party[] | undefined {
  const names = splitParties(ch.text('debtorNames'));
  const idCell = ch.cell('debtorIds');
  const ids = idCell.number !== undefined ? [idCell.text] : splitParties(idCell.text);
  if (names.length === 0 && ids.length === 0) return ch.say('debtorNames', { zh: '未填写被执行人', en: 'no debtor is named' }), undefined;
  if (names.length > MAX_DEBTORS) return ch.say('debtorNames', { zh: `被执行人超过 ${MAX_DEBTORS} 个`, en: `more than ${MAX_DEBTORS} debtors` }), undefined;
  if (names.length !== ids.length) {
    return ch.say('debtorIds', { zh: `被执行人有 ${names.length} 个名称、${ids.length} 个证件号码，应一一对应（多个用“；”分隔）`, en: `${names.length} debtor names but ${ids.length} ID numbers: give one each, separated by “；”` }), undefined;
  }
  const out = names.map((name, i) => {
    const who = names.length > 1 ? `第 ${i + 1} 个被执行人“${name}”` : '被执行人';
    const raw: CellResult<string> = idCell.number !== undefined ? idTextOf(idCell) : { ok: true, value: ids[i]!.toUpperCase() };
    return partyOf(ch, name, raw, 'debtorIds', who, today);
  });
  return out.every((p): p is Party => p !== undefined) ? out : undefined;
}

/** The 承办人 by officer code or by name: a judge of this court in the register. */
function officerOf(ch: RowCheck, ctx: RowContext): string | undefined {
  const said = ch.text('officer');
  if (!said) return ch.say('officer', { zh: '承办人未填写', en: 'the officer is empty' }), undefined;
  const judges = ctx.officers.filter((o) => o.court === ctx.court && o.role === 'judge');
  const byCode = judges.find((o) => o.code.toUpperCase() === said.toUpperCase());
  if (byCode) return byCode.code;
  const byName = judges.filter((o) => o.name === said);
  if (byName.length === 1) return byName[0]!.code;
  if (byName.length > 1) return ch.say('officer', { zh: `本院有 ${byName.length} 名承办法官名为“${said}”，请填写干警编号`, en: `${byName.length} judges are named "${said}": give the officer code` }), undefined;
  return ch.say('officer', { zh: `“${said}”不是本院登记的承办法官（可填干警编号或姓名）`, en: `"${said}" is not a registered judge of this court (officer code or name)` }), undefined;
}

function numberOf(ch: RowCheck, ctx: RowContext, firstRowOf: Map<string, number>): string | undefined {
  const said = ch.text('number');
  if (!said) return ch.say('number', { zh: '案号未填写', en: 'the case number is empty' }), undefined;
  const n = parseCaseNumber(said, { maxYear: Number(todayCst(ctx.now).slice(0, 4)) });
  if (!n.ok) return ch.say('number', { zh: describeError(n.error, 'zh'), en: describeError(n.error, 'en') }), undefined;
  const first = firstRowOf.get(n.value.text);
  if (first !== undefined) return ch.say('number', { zh: `案号与第 ${first} 行重复`, en: `the same case number as row ${first}` }), undefined;
  firstRowOf.set(n.value.text, ch.row);
  if (ctx.known(n.value.text)) return ch.say('number', { zh: `本机已有案件 ${n.value.text}，不能重复录入`, en: `case ${n.value.text} is already on this workstation` }), undefined;
  return n.value.text;
}

/** Where a failure of validateNewCase belongs: its field mapped to the column. */
function columnOfField(field: string | undefined): CaseColumnKey | undefined {
  if (!field) return undefined;
  if (field === 'number' || field === 'filedOn' || field === 'cause') return field;
  if (field.startsWith('applicant')) return field.endsWith('.name') ? 'applicantName' : 'applicantId';
  if (field.startsWith('debtors')) return field.endsWith('.name') ? 'debtorNames' : 'debtorIds';
  return undefined;
}

/** One data row: the case it enters, or its problems (every column that is wrong). */
export function checkCaseRow(row: number, cell: (k: CaseColumnKey) => SheetCell, ctx: RowContext, firstRowOf: Map<string, number>): { good?: GoodRow; problems: SheetProblem[] } {
  const ch = new RowCheck(row, cell);
  const today = todayCst(ctx.now);
  const number = numberOf(ch, ctx, firstRowOf);
  const applicantName = ch.text('applicantName');
  if (!applicantName) ch.say('applicantName', { zh: '申请执行人未填写', en: 'the applicant is empty' });
  const applicant = partyOf(ch, applicantName, idTextOf(cell('applicantId')), 'applicantId', '申请执行人', today);
  const debtors = debtorsOf(ch, today);
  const amountOwed = ch.take('amount', amountOf(cell('amount')));
  const filedOn = ch.take('filedOn', dateOf(cell('filedOn'), '立案日期'));
  const officer = officerOf(ch, ctx);
  if (ch.problems.length || !number || !applicant || !debtors || amountOwed === undefined || !filedOn || !officer) return { problems: ch.problems };
  const input: CallInput<'cases', 'create'> = { number, filedOn, cause: ch.text('cause') || CAUSE_TO_CONFIRM, amountOwed, costs: 0, applicant, debtors };
  try {
    return { good: { row, input, checked: validateNewCase(input, ctx.now, ctx.court), officer }, problems: [] };
  } catch (e) {
    if (!(e instanceof AppFailure)) throw e;
    ch.say(columnOfField(e.error.field), { zh: describeError(e.error, 'zh'), en: describeError(e.error, 'en') });
    return { problems: ch.problems };
  }
}
