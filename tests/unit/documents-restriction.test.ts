/**
 * The documents of a consumption restriction read as a registry and the debtor expect (docs/documents.md,
 * "限制消费令 and its decisions"): the order names who it binds and what it forbids in the article's
 * words; the lift its ground and the order it ends; a journey allowed its period.
 */
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../electron/documents/templates';
import { orderClause } from '../../electron/services/restriction/orders';
import type { DocumentData, DocumentModel } from '../../shared/documents';
import type { RestrictionOrder } from '../../shared/domain/restriction';
import { LIFT_GROUND_TEXT, RESTRICTION_KIND_TABLE } from '../../shared/rules/restriction';

const CASE = '(2026)黔0103执602号';
const order: RestrictionOrder = {
  id: 'o1', caseId: 'c1', partyId: 'p1', debtor: { name: '贵州黔丰建材有限公司', idNumber: '91520100MA6DL12349', kind: 'company' },
  kinds: ['bullet-train', 'cabin'], bound: [{ role: 'legal-representative', name: '李建国', idNumber: '52010319800101001X', source: { kind: 'judge' } }],
  state: 'issued', draftedBy: 'F1', createdAt: 't', updatedAt: 't',
};
const data = (over: Partial<DocumentData>): DocumentData => ({
  court: '贵阳市南明区人民法院', caseNumber: CASE, number: `${CASE}之三`, cause: '买卖合同纠纷', applicant: { name: '赵明' },
  debtor: { name: '贵州黔丰建材有限公司', idNumber: '91520100MA6DL12349', kind: 'company' } as DocumentData['debtor'],
  officer: { name: '王立新' }, clerk: { name: '陈晓雪' }, date: '2026-12-03', ...over,
});
const text = (m: DocumentModel) => m.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])).join('\n');

describe('the documents of a consumption restriction', () => {
  it('the 限制消费令 binds the company and its legal representative and lists the kinds in the article’s order', () => {
    const m = buildDocument('限制消费令', data({ reason: orderClause(order), legalBasis: ['《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第三条'] }));
    expect(m.title).toBe('限制消费令');
    const t = text(m);
    expect(t).toContain('被执行人贵州黔丰建材有限公司及其法定代表人李建国不得实施');
    expect(t.indexOf(RESTRICTION_KIND_TABLE[0].zh)).toBeLessThan(t.indexOf(RESTRICTION_KIND_TABLE[8].zh));
    expect(t).toContain('应当向本院提出申请，获批准后方可进行');
  });

  it('the lift names the order it ends and its ground; a journey allowed states its period', () => {
    const lift = text(buildDocument('解除限制消费令决定书', data({ reason: LIFT_GROUND_TEXT.paid.zh, previousRulingNumber: `${CASE}之一` })));
    expect(lift).toContain('以（2026）黔0103执602号之一限制消费令');
    expect(lift).toContain('因被执行人已履行完毕生效法律文书确定的义务');
    const ex = text(buildDocument('暂时解除限制消费决定书', data({ reason: '被执行人因本人重大疾病就医，申请暂时解除。', previousRulingNumber: `${CASE}之一`, period: { start: '2026-12-03', end: '2026-12-06' } })));
    expect(ex).toMatch(/自2026年12月3日起至2026年12月6日止，暂时解除/);
  });
});
