/**
 * A ruling over a whole decision and a notice over an agency's share of it (docs/documents.md):
 * every debtor named once at the head, each item ordered with its own verb, amount and period,
 * numbered 一、二、 …, the list of assets per item, and the articles of every kind of asset cited.
 */
import { describe, expect, it } from 'vitest';
import templatesJson from '../../resources/templates/documents.json';
import { createDocumentBuilder, parseTemplateSet, type DocumentData, type DocumentItem, type DocumentModel } from '../../shared/documents';
import { residentIdCheckChar } from '../../shared/ids/resident-id';

const { buildDocument, checkDocumentData } = createDocumentBuilder(parseTemplateSet(templatesJson));

const ZHANG = { name: '张三', idNumber: `52010319800101001${residentIdCheckChar('52010319800101001')}` };
const LI = { name: '李四', idNumber: `52010319850315002${residentIdCheckChar('52010319850315002')}` };
const CASE = '(2026)黔0103执602号';
const period = { start: '2026-12-02', end: '2027-12-01' };

const icbc1: DocumentItem = { debtor: ZHANG, asset: { kind: 'deposit', institution: '中国工商银行股份有限公司贵阳中华北路支行', identifier: '6222020000000001' }, amount: 500_000, period };
const icbc2: DocumentItem = { debtor: ZHANG, asset: { kind: 'deposit', institution: '中国工商银行股份有限公司贵阳中华北路支行', identifier: '6222020000000002' }, amount: 120_050, period };
const flat: DocumentItem = { debtor: LI, asset: { kind: 'real_estate', institution: '贵阳市不动产登记中心', identifier: '黔（2024）贵阳市不动产权第0001234号' }, period: { start: '2026-12-02', end: '2029-12-01' } };

const base = (number: string, items: DocumentItem[]): DocumentData => ({
  court: '贵州省贵阳市云岩区人民法院', caseNumber: CASE, number, rulingNumber: `${CASE}之一`, cause: '民间借贷纠纷',
  applicant: { name: '贵州黔城商贸有限公司' }, items, officer: { name: '王立新' }, clerk: { name: '陈晓雪' }, date: '2026-12-02',
});
const paragraphs = (m: DocumentModel) => m.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const captions = (m: DocumentModel) => m.blocks.flatMap((b) => (b.kind === 'terms' ? [b.caption] : []));

describe('a freeze ruling over one decision', () => {
  const ruling = buildDocument('冻结裁定书', base(`${CASE}之一`, [icbc1, icbc2, flat]));
  const text = paragraphs(ruling);

  it('names each debtor once at its head, and both in the opening', () => {
    expect(text.filter((t) => t.startsWith('被执行人：'))).toEqual([
      expect.stringContaining(`张三，男，1980年1月1日出生，公民身份号码${ZHANG.idNumber}。`),
      expect.stringContaining(`李四，女，1985年3月15日出生，公民身份号码${LI.idNumber}。`),
    ]);
    expect(text.find((t) => t.startsWith('本院在执行'))).toContain('与被执行人张三、李四民间借贷纠纷一案中');
  });

  it('orders every item, numbered, with its own verb, amount and period', () => {
    const orders = text.filter((t) => /^[一二三]、/.test(t));
    expect(orders).toEqual([
      '一、冻结被执行人张三在中国工商银行股份有限公司贵阳中华北路支行开立的账户（账号：6222020000000001）内的存款，冻结数额以人民币伍仟元整（5,000.00元）为限，冻结期限自2026年12月2日起至2027年12月1日止；',
      expect.stringMatching(/^二、冻结被执行人张三.+6222020000000002.+人民币壹仟贰佰元零伍角整（1,200.50元）为限.+止；$/),
      '三、查封被执行人李四在贵阳市不动产登记中心登记的不动产（不动产权证号：黔（2024）贵阳市不动产权第0001234号），查封期限自2026年12月2日起至2029年12月1日止。',
    ]);
    expect(text[text.indexOf(orders[2]!) + 1]).toBe('本裁定立即执行。');
  });

  it('cites the procedure law’s articles of both deposits and real estate, once', () => {
    expect(text.find((t) => t.startsWith('本院在执行'))).toContain('依照《中华人民共和国民事诉讼法》第二百五十三条、第二百五十五条、');
  });

  it('lists each item’s asset in a table of its own, numbered', () => {
    expect(captions(ruling)).toEqual(['冻结财产清单（一）', '冻结财产清单（二）', '查封财产清单（三）']);
  });

  it('one item alone is neither numbered nor captioned with a number', () => {
    const one = buildDocument('冻结裁定书', base(`${CASE}之一`, [icbc1]));
    expect(paragraphs(one).some((t) => /^一、/.test(t))).toBe(false);
    expect(captions(one)).toEqual(['冻结财产清单']);
  });

  it('refuses an item on money without its amount, and a decision of no item', () => {
    expect(checkDocumentData('冻结裁定书', base(`${CASE}之一`, [icbc1, { ...icbc2, amount: undefined }])).map((p) => p.field)).toContain('amount');
    expect(checkDocumentData('冻结裁定书', base(`${CASE}之一`, [])).map((p) => p.field)).toContain('asset');
  });
});

describe('a notice over an agency’s share', () => {
  it('goes to the branch its accounts are at and lists them numbered, citing the ruling', () => {
    const n = buildDocument('协助冻结通知书', base(`${CASE}之二`, [icbc1, icbc2]));
    expect(n.title).toBe('协助冻结通知书');
    expect(n.addressee).toBe('中国工商银行股份有限公司贵阳中华北路支行');
    const text = paragraphs(n);
    expect(text[0]).toContain('已作出（2026）黔0103执602号之一执行裁定');
    expect(text.filter((t) => /^[一二]、冻结被执行人张三/.test(t))).toHaveLength(2);
    expect(text.join('')).not.toContain('查封被执行人');
  });

  it('goes to the agency as a whole when its items are at several of its branches', () => {
    const other = { ...icbc2, asset: { ...icbc2.asset, institution: '中国工商银行股份有限公司贵阳南明支行' } };
    const n = buildDocument('协助冻结通知书', { ...base(`${CASE}之二`, [icbc1, other]), addressee: '中国工商银行' });
    expect(n.addressee).toBe('中国工商银行');
  });

  it('a registry seals: its notice is 协助查封通知书 and cites 第二百五十五条', () => {
    const n = buildDocument('协助冻结通知书', base(`${CASE}之三`, [flat]));
    expect(n.title).toBe('协助查封通知书');
    expect(paragraphs(n)[0]).toContain('《中华人民共和国民事诉讼法》第二百五十五条');
    expect(paragraphs(n)[0]).not.toContain('第二百五十三条');
  });
});

describe('a renewal ruling over several freezes', () => {
  it('names the earlier rulings once each and renews every item', () => {
    const items = [
      { ...icbc1, previousRulingNumber: `${CASE}之一` },
      { ...icbc2, previousRulingNumber: `${CASE}之一` },
      { ...flat, previousRulingNumber: `${CASE}之四` },
    ];
    const r = buildDocument('续行冻结裁定书', base(`${CASE}之五`, items));
    const text = paragraphs(r);
    expect(text.find((t) => t.startsWith('本院在执行'))).toContain('已作出（2026）黔0103执602号之一、（2026）黔0103执602号之四执行裁定，冻结、查封了被执行人张三、李四的财产');
    expect(text.filter((t) => /^[一二三]、继续(冻结|查封)被执行人/.test(t))).toHaveLength(3);
  });
});
