/**
 * The documents of 一键式控行踪 (docs/documents.md): the 协助临时控制通知书 to the railway police names
 * the debtor with his ID number, where he was seen and the basis; the 拘留决定书 states the facts,
 * the president's approval (民诉法 第一百一十九条) and the right to one review.
 */
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../electron/documents/templates';
import type { DocumentData } from '../../shared/documents';
import { residentIdCheckChar } from '../../shared/ids/resident-id';

const base = '52010219800101123';
const PERSON_ID = base + residentIdCheckChar(base);
const data = (reason: string): DocumentData => ({
  court: '贵州省贵阳市云岩区人民法院', caseNumber: '(2025)黔0103执1234号', number: '(2025)黔0103执1234号之三', cause: '民间借贷纠纷',
  applicant: { name: '贵州黔城商贸有限公司' }, debtor: { name: '李四', idNumber: PERSON_ID }, officer: { name: '王五' }, clerk: { name: '赵六' },
  date: '2026-12-03', reason,
});
const texts = (m: ReturnType<typeof buildDocument>) =>
  [m.title, m.addressee ?? '', ...m.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'terms' ? b.rows.map((r) => r.value) : []))].join('\n');

describe('the control documents', () => {
  it('协助临时控制通知书: to the railway police, with the debtor, the sighting and the basis', () => {
    const t = texts(buildDocument('协助临时控制通知书', data('2026-12-02，铁路购票：贵阳北站 → 成都东站 G2886 次（铁路客票系统）')));
    expect(t).toContain('成都铁路公安局');
    expect(t).toContain('G2886');
    expect(t).toContain(PERSON_ID);
    expect(t).toContain('财产调查若干问题的规定》第十五条');
    expect(t).toContain('临时控制');
  });

  it('拘留决定书: the facts, the president’s approval and one review', () => {
    const t = texts(buildDocument('拘留决定书', data('经铁路公安机关协助临时控制；被执行人有履行能力而拒不履行')));
    expect(t).toContain('有履行能力而拒不履行');
    expect(t).toContain('经本院院长批准');
    expect(t).toContain('第一百一十九条');
    expect(t).toContain('复议一次');
  });
});
