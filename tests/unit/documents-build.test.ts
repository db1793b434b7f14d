/**
 * Templates → DocumentModel: every document a request carries builds from the shipped templates
 * with its data, refuses data it lacks by naming the field, and never prints a placeholder.
 */
import { describe, expect, it } from 'vitest';
import templatesJson from '../../resources/templates/documents.json';
import {
  createDocumentBuilder, DocumentError, parseTemplateSet, TemplateError, type DocumentData, type DocumentModel, type TemplateSet,
} from '../../shared/documents';
import { DOCUMENTS_FOR, type DocumentType } from '../../shared/domain/measures';
import { residentIdCheckChar } from '../../shared/ids/resident-id';
import { creditCodeCheckChar } from '../../shared/ids/credit-code';
import { buildDocument as shippedBuild } from '../../electron/documents/templates';
import { ARTICLES } from '../../shared/legal/basis';
import { renewalPeriod } from '../../shared/rules/periods';

const TEMPLATES = parseTemplateSet(templatesJson);
const { buildDocument, checkDocumentData, requiredFields } = createDocumentBuilder(TEMPLATES);

const ALL_TYPES: DocumentType[] = ['协助查询通知书', ...Object.values(DOCUMENTS_FOR).flat(), '保全期限届满提醒通知书'];
/** the notice, the report order and the dishonest list's decisions (docs/domain.md rule 8) */
const CREDIT_TYPES: DocumentType[] = ['执行通知书', '报告财产令', '纳入失信被执行人名单决定书', '删除失信信息决定书', '信用修复决定书',
  '限制消费令', '解除限制消费令决定书', '暂时解除限制消费决定书'];
const CONTROL_TYPES: DocumentType[] = ['协助临时控制通知书', '拘留决定书'];
const RULINGS: DocumentType[] = ['冻结裁定书', '续行冻结裁定书', '解除冻结裁定书', '扣划裁定书'];
const isRuling = (t: DocumentType) => RULINGS.includes(t);

const PERSON_ID = `52010319800101001${residentIdCheckChar('52010319800101001')}`;
const COMPANY_ID = `91520103MA6H7K8L2${creditCodeCheckChar('91520103MA6H7K8L2')}`;
const CASE = '(2025)黔0103执1234号';
/** as the page prints it */
const PRINTED = '（2025）黔0103执1234号';

/** A complete set of data; each type takes what its template needs. */
function dataFor(type: DocumentType): DocumentData {
  return {
    court: '贵州省贵阳市云岩区人民法院',
    caseNumber: CASE,
    number: isRuling(type) ? `${CASE}之一` : `${CASE}之二`,
    rulingNumber: `${CASE}之一`,
    cause: '民间借贷纠纷',
    applicant: { name: '贵州黔城商贸有限公司' },
    debtor: { name: '李四', idNumber: PERSON_ID },
    asset: { kind: 'deposit', institution: '中国工商银行股份有限公司贵阳中华北路支行', identifier: '6222021234567890123' },
    addressee: '中国工商银行股份有限公司',
    amount: 12_345_678,
    period: { start: '2025-03-04', end: '2026-03-03' },
    previousRulingNumber: '(2024)黔0103执988号之二',
    reason: '被执行人已履行生效法律文书确定的全部义务',
    courtAccount: { name: '贵阳市云岩区人民法院', bank: '中国农业银行股份有限公司贵阳云岩支行', account: '23150001040012345' },
    officer: { name: '王五', phone: '0851-85551234' },
    clerk: { name: '赵六' },
    date: '2025-03-04',
  };
}

/** Every text a model prints, in order. */
function textsOf(m: DocumentModel): string[] {
  const out = [m.court, m.title, m.number, ...(m.addressee ? [m.addressee] : [])];
  for (const b of m.blocks) {
    if (b.kind === 'paragraph') out.push(b.text);
    else if (b.kind === 'terms') out.push(...(b.caption ? [b.caption] : []), ...b.rows.flatMap((r) => [r.label, r.value]));
    else out.push(...b.signatories.flatMap((s) => [s.title, s.name]), b.court, b.dateText, b.seal.label, ...(b.clerk ? [b.clerk.title, b.clerk.name] : []));
  }
  return out;
}
const fullText = (m: DocumentModel) => textsOf(m).join('\n');

/** A copy of data with one field (a dotted path) removed. */
function without(data: DocumentData, field: string): DocumentData {
  const copy = structuredClone(data) as unknown as Record<string, unknown>;
  const parts = field.split('.');
  let at: Record<string, unknown> | undefined = copy;
  for (const p of parts.slice(0, -1)) at = at?.[p] as Record<string, unknown> | undefined;
  if (at) delete at[parts.at(-1)!];
  return copy as unknown as DocumentData;
}

function problemsOf(type: DocumentType, data: DocumentData): DocumentError {
  try {
    buildDocument(type, data);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    return e as DocumentError;
  }
  throw new Error(`${type} built although it should have been refused`);
}

describe('the shipped templates', () => {
  it('cover every document type a request carries, each with its legal basis', () => {
    expect(Object.keys(TEMPLATES.documents).sort()).toEqual([...ALL_TYPES, ...CREDIT_TYPES, ...CONTROL_TYPES].sort());
    for (const t of ALL_TYPES) expect(TEMPLATES.documents[t].legalBasis.length, t).toBeGreaterThan(0);
  });

  it('cite the provisions of a freeze and of its period', () => {
    const basis = (t: DocumentType) => TEMPLATES.documents[t].legalBasis.join('、');
    for (const t of ['冻结裁定书', '协助冻结通知书'] as const) {
      expect(basis(t)).toContain('《中华人民共和国民事诉讼法》第二百五十三条');
      expect(basis(t)).toContain('《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条');
      expect(basis(t)).toContain('《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》');
    }
    for (const t of ['续行冻结裁定书', '协助续行冻结通知书'] as const) expect(basis(t)).toContain('第四百八十五条');
    for (const t of ['扣划裁定书', '协助扣划通知书'] as const) expect(basis(t)).toContain('《中华人民共和国民事诉讼法》第二百五十三条');
  });

  it('title every ruling 执行裁定书 and every notice by its name', () => {
    for (const t of ALL_TYPES) expect(buildDocument(t, dataFor(t)).title, t).toBe(isRuling(t) ? '执行裁定书' : t);
  });

  it('tell the applicant of a 执保 case the 保全期限届满日 and that he must ask for renewal 7 days before it (财产保全规定 第十八条)', () => {
    const m = buildDocument('保全期限届满提醒通知书', dataFor('保全期限届满提醒通知书'));
    const text = fullText(m);
    expect(m.title).toBe('保全期限届满提醒通知书');
    expect(m.addressee).toBe('贵州黔城商贸有限公司');
    expect(text).toContain('保全期限届满日为2026年3月3日');
    expect(text).toContain('6222021234567890123');
    expect(text).toContain('应当在保全期限届满七日前向本院书面申请续行保全');
    expect(text).toContain('《最高人民法院关于人民法院办理财产保全案件若干问题的规定》第十八条');
    expect(text).toContain('《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条');
  });

  it('are what electron/documents builds with', () => {
    expect(shippedBuild('冻结裁定书', dataFor('冻结裁定书'))).toEqual(buildDocument('冻结裁定书', dataFor('冻结裁定书')));
  });
});

describe('parseTemplateSet refuses a broken template file', () => {
  const broken = (mutate: (t: Record<string, any>) => void): unknown => {
    const copy = structuredClone(templatesJson) as Record<string, any>;
    mutate(copy);
    return copy;
  };
  const refusal = (json: unknown): string => {
    try {
      parseTemplateSet(json);
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };

  it('with a misspelt placeholder', () => {
    expect(refusal(broken((t) => { t.documents['冻结裁定书'].blocks[2].text += '{debter.name}'; }))).toContain('unknown placeholder {debter.name}');
  });
  it('with a stray brace', () => {
    expect(refusal(broken((t) => { t.documents['扣划裁定书'].blocks[0].text += '{ 金额'; }))).toContain('brace');
  });
  it('with a condition on nothing', () => {
    expect(refusal(broken((t) => { t.documents['冻结裁定书'].blocks[3].when = 'amount'; }))).toContain('when names no placeholder');
  });
  it('with a document type missing', () => {
    expect(refusal(broken((t) => { delete t.documents['协助扣划通知书']; }))).toContain('documents.协助扣划通知书: missing');
  });
  it('with an asset kind missing', () => {
    expect(refusal(broken((t) => { delete t.assetKinds.vehicle; }))).toContain('assetKinds.vehicle: missing');
  });
  it('with no or two signatures', () => {
    expect(refusal(broken((t) => { t.documents['冻结裁定书'].blocks.push({ kind: 'signature', style: 'ruling' }); }))).toContain('exactly one signature');
  });
  it('with an asset phrase whose wordings all stand under a condition', () => {
    expect(refusal(broken((t) => { t.assetKinds.real_estate.object.pop(); }))).toContain('assetKinds.real_estate.object: the last wording must have no condition');
    expect(refusal(broken((t) => { t.assetKinds.vehicle.object[0].when = 'asset.vim'; }))).toContain('assetKinds.vehicle.object[0]: when names no placeholder');
  });
  it('that is not an object or has another version', () => {
    expect(() => parseTemplateSet(null)).toThrow(TemplateError);
    expect(refusal(broken((t) => { t.version = 2; }))).toContain('version');
  });
});

describe('buildDocument', () => {
  it.each(ALL_TYPES.map((t) => [t]))('builds %s from its data', (type) => {
    const m = buildDocument(type, dataFor(type));
    const text = fullText(m);
    expect(m.type).toBe(type);
    expect(m.court).toBe('贵州省贵阳市云岩区人民法院');
    expect(m.caseNumber).toBe(PRINTED);
    expect(m.number).toBe(dataFor(type).number!.replace('(2025)', '（2025）'));
    expect(m.date).toBe('2025-03-04');
    expect(m.dateText).toBe('二〇二五年三月四日');
    // Nothing left unfilled, no "undefined" or "null" printed.
    expect(text).not.toMatch(/[{}]|undefined|null|NaN/);
    // The debtor named with the full ID: documents are only kept in the encrypted store.
    expect(text).toContain('李四');
    expect(text).toContain(PERSON_ID);
    const sig = m.blocks.filter((b) => b.kind === 'signature');
    expect(sig).toHaveLength(1);
    expect(m.blocks.at(-1)?.kind).toBe('signature');
    const s = sig[0]!;
    expect(s.kind === 'signature' && s.seal).toEqual({ label: '电子签章', court: '贵州省贵阳市云岩区人民法院' });
    expect(m.blocks.some((b) => b.kind === 'terms' && b.rows.length > 0)).toBe(true);
    if (isRuling(type)) {
      expect(m.addressee).toBeUndefined();
      expect(s.kind === 'signature' && s.signatories).toEqual([{ title: '审判员', name: '王五' }]);
      expect(s.kind === 'signature' && s.clerk).toEqual({ title: '书记员', name: '赵六' });
      expect(text).toContain('申请执行人：贵州黔城商贸有限公司。');
      // a person is stated with his sex and birth date, read from his ID number
      expect(text).toContain(`被执行人：李四，男，1980年1月1日出生，公民身份号码${PERSON_ID}。`);
      expect(text).toContain('裁定如下：');
      expect(text).toContain('本裁定立即执行。');
    } else {
      const addressee = type === '协助查询通知书' ? '中国工商银行股份有限公司' : type === '保全期限届满提醒通知书' ? '贵州黔城商贸有限公司' : '中国工商银行股份有限公司贵阳中华北路支行';
      expect(m.addressee).toBe(addressee);
      expect(s.kind === 'signature' && s.showCourt).toBe(true);
      expect(text).toContain('承办人：王五　联系电话：0851-85551234');
    }
    // Plain data: survives IPC unchanged.
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    // The same data gives the same model.
    expect(buildDocument(type, dataFor(type))).toEqual(m);
  });

  it('writes the amount in 元 and in capitals, and the period with its dates', () => {
    const text = fullText(buildDocument('冻结裁定书', dataFor('冻结裁定书')));
    expect(text).toContain('冻结数额以人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分（123,456.78元）为限');
    expect(text).toContain('冻结期限自2025年3月4日起至2026年3月3日止');
    expect(text).toContain('在中国工商银行股份有限公司贵阳中华北路支行开立的账户（账号：6222021234567890123）内的存款');
    expect(text).toContain('依照《中华人民共和国民事诉讼法》第二百五十三条、');
    expect(text).toContain('本院在执行申请执行人贵州黔城商贸有限公司与被执行人李四民间借贷纠纷一案中');
  });

  it('names the ruling a notice carries out', () => {
    const m = buildDocument('协助冻结通知书', dataFor('协助冻结通知书'));
    expect(fullText(m)).toContain(`已作出${PRINTED}之一执行裁定`);
    const terms = m.blocks.find((b) => b.kind === 'terms');
    expect(terms?.kind === 'terms' && terms.rows.find((r) => r.label === '执行裁定书')?.value).toBe(`${PRINTED}之一`);
  });

  it('sends a deduction to the court account', () => {
    const text = fullText(buildDocument('扣划裁定书', dataFor('扣划裁定书')));
    expect(text).toContain('划至本院账户（户名：贵阳市云岩区人民法院；开户行：中国农业银行股份有限公司贵阳云岩支行；账号：23150001040012345）');
    expect(text).toContain('扣划金额');
  });

  it('renews under the earlier ruling and releases for a stated reason', () => {
    expect(fullText(buildDocument('续行冻结裁定书', dataFor('续行冻结裁定书')))).toContain('已作出（2024）黔0103执988号之二执行裁定，冻结了被执行人李四');
    expect(fullText(buildDocument('续行冻结裁定书', dataFor('续行冻结裁定书')))).toContain('续行冻结期限自2025年3月4日起至2026年3月3日止');
    const release = fullText(buildDocument('解除冻结裁定书', dataFor('解除冻结裁定书')));
    expect(release).toContain('因被执行人已履行生效法律文书确定的全部义务，依照');
    expect(release).toContain('解除对被执行人李四在中国工商银行股份有限公司贵阳中华北路支行开立的账户（账号：6222021234567890123）内的存款中人民币壹拾贰万');
  });

  it('releases everything when no amount is given', () => {
    const text = fullText(buildDocument('解除冻结裁定书', without(dataFor('解除冻结裁定书'), 'amount')));
    expect(text).toContain('内的存款的冻结。');
    expect(text).toContain('原冻结的全部财产');
    expect(text).not.toContain('解除冻结数额');
  });

  it('freezes real estate, a vehicle or equity without an amount, but never money', () => {
    const estate = { ...dataFor('冻结裁定书'), amount: undefined, asset: { kind: 'real_estate' as const, institution: '贵阳市不动产登记中心', identifier: '黔(2021)贵阳市不动产权第0123456号' } };
    const text = fullText(buildDocument('冻结裁定书', estate));
    // real estate is sealed (查封), not frozen (民事诉讼法 第二百五十五条), in the order and in the notice's title
    expect(text).toContain('查封被执行人李四在贵阳市不动产登记中心登记的不动产（不动产权证号：黔(2021)贵阳市不动产权第0123456号），查封期限自');
    expect(text.replace(/《[^》]*》/g, '')).not.toMatch(/冻结/);
    expect(text).toContain('依照《中华人民共和国民事诉讼法》第二百五十五条、');
    expect(buildDocument('协助冻结通知书', estate).title).toBe('协助查封通知书');
    const car = { ...estate, asset: { kind: 'vehicle' as const, institution: '贵阳市公安局交通管理局车辆管理所', identifier: '贵A·3B821' } };
    expect(fullText(buildDocument('续行冻结裁定书', car))).toContain('续行查封期限自');
    const equity = { ...estate, asset: { kind: 'equity' as const, institution: '贵阳市云岩区市场监督管理局', identifier: '贵州某某科技有限公司' } };
    expect(fullText(buildDocument('协助冻结通知书', equity))).toContain('持有的贵州某某科技有限公司的股权（登记机关：贵阳市云岩区市场监督管理局）');
    for (const kind of ['deposit', 'online_funds', 'provident_fund', 'wealth'] as const) {
      for (const type of ['冻结裁定书', '协助冻结通知书', '续行冻结裁定书', '扣划裁定书'] as const) {
        const e = problemsOf(type, { ...dataFor(type), amount: undefined, asset: { ...dataFor(type).asset!, kind } });
        expect(e.problems.map((p) => p.field), `${type} ${kind}`).toContain('amount');
      }
    }
  });

  it('labels a company debtor by its unified social credit code', () => {
    const data = { ...dataFor('冻结裁定书'), debtor: { name: '贵州某某建筑工程有限公司', idNumber: COMPANY_ID } };
    expect(fullText(buildDocument('冻结裁定书', data))).toContain(`被执行人：贵州某某建筑工程有限公司，统一社会信用代码${COMPANY_ID}。`);
  });

  it('prints nothing for an absent cause and lets the officer sign with another title', () => {
    const data = { ...without(dataFor('扣划裁定书'), 'cause'), officer: { name: '王五', title: '执行员' } };
    const m = buildDocument('扣划裁定书', data);
    expect(fullText(m)).toContain('与被执行人李四一案中');
    const sig = m.blocks.at(-1);
    expect(sig?.kind === 'signature' && sig.signatories).toEqual([{ title: '执行员', name: '王五' }]);
    const notice = fullText(buildDocument('协助扣划通知书', { ...dataFor('协助扣划通知书'), officer: { name: '王五' } }));
    expect(notice).toContain('承办人：王五');
    expect(notice).not.toContain('联系电话');
  });

  it('takes the bureau\'s own citations when given', () => {
    const text = fullText(buildDocument('冻结裁定书', { ...dataFor('冻结裁定书'), legalBasis: ['《甲法》第一条', '《乙规定》第二条'] }));
    expect(text).toContain('依照《甲法》第一条、《乙规定》第二条的规定，裁定如下：');
    expect(problemsOf('冻结裁定书', { ...dataFor('冻结裁定书'), legalBasis: ['  '] }).problems.map((p) => p.field)).toEqual(['legalBasis']);
  });
});

describe('the particulars a registry and a clerk need', () => {
  const UNIT = '520102001001GB00001F00010001';
  const CERT = '黔(2021)贵阳市不动产权第0012345号';
  const LOCATION = '贵州省贵阳市云岩区北京路88号3栋2单元1502号';
  const estate = (particulars?: object): DocumentData => ({
    ...dataFor('冻结裁定书'), amount: undefined,
    asset: { kind: 'real_estate', institution: '贵阳市不动产登记中心', identifier: CERT, ...(particulars ? { particulars: { kind: 'real_estate', ...particulars } } : {}) } as DocumentData['asset'],
  });

  it('a real-estate ruling says 查封 with 坐落 and 不动产单元号', () => {
    const text = fullText(buildDocument('冻结裁定书', estate({ location: LOCATION, unitNumber: UNIT, areaCentiM2: 8956 })));
    expect(text).toContain(`查封被执行人李四坐落于${LOCATION}的不动产（不动产单元号：${UNIT}，不动产权证号：${CERT}），查封期限自2025年3月4日起至2026年3月3日止。`);
    const notice = fullText(buildDocument('协助冻结通知书', estate({ location: LOCATION, unitNumber: UNIT })));
    expect(notice).toContain(`不动产单元号：${UNIT}`);
  });

  it('real estate without a 不动产单元号, or found before the registry gave particulars, still reads whole', () => {
    expect(fullText(buildDocument('冻结裁定书', estate({ location: LOCATION })))).toContain(`查封被执行人李四坐落于${LOCATION}的不动产（不动产权证号：${CERT}），查封期限`);
    const old = fullText(buildDocument('解除冻结裁定书', estate()));
    expect(old).toContain(`解除对被执行人李四在贵阳市不动产登记中心登记的不动产（不动产权证号：${CERT}）的查封。`);
    expect(old).not.toMatch(/不动产单元号|坐落于|：，|（，/);
  });

  it('a vehicle notice states 号牌种类 and 车辆识别代号', () => {
    const data: DocumentData = {
      ...dataFor('协助冻结通知书'), amount: undefined,
      asset: { kind: 'vehicle', institution: '贵阳市公安局交通管理局', identifier: '贵A·3B821', particulars: { kind: 'vehicle', plateType: '小型汽车', vin: '1M8GDM9AXKP042788', brand: '大众', model: '一汽-大众朗逸' } },
    };
    const m = buildDocument('协助冻结通知书', data);
    expect(m.title).toBe('协助查封通知书');
    expect(fullText(m)).toContain('查封被执行人李四在贵阳市公安局交通管理局登记的机动车（号牌种类：小型汽车，号牌号码：贵A·3B821，车辆识别代号：1M8GDM9AXKP042788），查封期限自');
    // a vehicle found before the particulars were kept is named by its plate alone
    const bare = fullText(buildDocument('协助冻结通知书', { ...data, asset: { ...data.asset!, particulars: undefined } }));
    expect(bare).toContain('登记的机动车（号牌号码：贵A·3B821），查封期限');
    // the list of items the registry works from states them too, each on its own row
    const rows = m.blocks.flatMap((b) => (b.kind === 'terms' ? b.rows.map((r) => `${r.label}：${r.value}`) : []));
    expect(rows).toEqual(expect.arrayContaining(['号牌种类：小型汽车', '车辆识别代号：1M8GDM9AXKP042788']));
  });

  it('the list of items states the flat’s 坐落 and 不动产单元号, the securities and the share of a company', () => {
    const rowsOf = (asset: NonNullable<DocumentData['asset']>) => buildDocument('冻结裁定书', { ...dataFor('冻结裁定书'), amount: undefined, asset })
      .blocks.flatMap((b) => (b.kind === 'terms' ? b.rows.map((r) => `${r.label}：${r.value}`) : []));
    expect(rowsOf({ kind: 'real_estate', institution: '贵阳市不动产登记中心', identifier: '黔(2021)贵阳市不动产权第0012345号', particulars: { kind: 'real_estate', location: '贵州省贵阳市云岩区北京路88号3栋2单元1502号', unitNumber: '520102001001GB00001F00010001', areaCentiM2: 8956 } }))
      .toEqual(expect.arrayContaining(['坐落：贵州省贵阳市云岩区北京路88号3栋2单元1502号', '不动产单元号：520102001001GB00001F00010001']));
    const equity = rowsOf({ kind: 'equity', institution: '市场监督管理部门（企业登记）', identifier: '贵阳鑫盛商贸有限公司', particulars: { kind: 'equity', company: '贵阳鑫盛商贸有限公司', contribution: 120_000_000, ratioBp: 6_000 } });
    expect(equity).toEqual(expect.arrayContaining(['出资额：1,200,000.00元', '持股比例：60%']));
    const securities = rowsOf({ kind: 'securities', institution: '华创证券贵阳营业部', identifier: 'A123456789', particulars: { kind: 'securities', holdings: [{ code: '600519', name: '贵州茅台', quantity: 200 }] } });
    expect(securities.find((r) => r.startsWith('证券：'))).toContain('600519');
  });

  it('a securities freeze names the 证券代码, the name and the number of shares', () => {
    const data: DocumentData = {
      ...dataFor('冻结裁定书'), amount: 29_773_200,
      asset: { kind: 'securities', institution: '华创证券有限责任公司贵阳中华北路证券营业部', identifier: 'A123456789:600519', particulars: { kind: 'securities', holdings: [{ code: '600519', name: '贵州茅台', quantity: 200 }] } },
    };
    expect(fullText(buildDocument('冻结裁定书', data))).toContain('冻结被执行人李四在华创证券有限责任公司贵阳中华北路证券营业部开立的证券账户（账号：A123456789）内的证券贵州茅台（证券代码：600519，数量：200股），冻结数额以');
    const bad = { ...data, asset: { ...data.asset!, particulars: { kind: 'securities' as const, holdings: [{ code: '600519', name: '贵州茅台', quantity: 2.5 }] } } };
    expect(problemsOf('冻结裁定书', bad).error.detail?.zh).toContain('证券“贵州茅台”的代码或数量不正确');
  });

  it('an equity freeze names the company and the 出资额', () => {
    const data: DocumentData = {
      ...dataFor('冻结裁定书'), amount: undefined,
      asset: { kind: 'equity', institution: '市场监督管理部门（企业登记）', identifier: '贵阳鑫盛商贸有限公司', particulars: { kind: 'equity', company: '贵阳鑫盛商贸有限公司', contribution: 120_000_000, ratioBp: 6_000 } },
    };
    expect(fullText(buildDocument('冻结裁定书', data))).toContain('冻结被执行人李四持有的贵阳鑫盛商贸有限公司60%的股权（出资额：1,200,000.00元；登记机关：市场监督管理部门（企业登记）），冻结期限自');
    const ratioOnly = { ...data, asset: { ...data.asset!, particulars: { kind: 'equity' as const, company: '贵阳鑫盛商贸有限公司', ratioBp: 3_333 } } };
    expect(fullText(buildDocument('冻结裁定书', ratioOnly))).toContain('持有的贵阳鑫盛商贸有限公司33.33%的股权（登记机关：');
    const over = { ...data, asset: { ...data.asset!, particulars: { kind: 'equity' as const, company: '贵阳鑫盛商贸有限公司', ratioBp: 12_000 } } };
    expect(problemsOf('冻结裁定书', over).problems.map((p) => p.field)).toContain('asset.particulars.ratioBp');
  });

  it('a renewal of a freeze ending 2026-03-10 states 自2026年3月11日起至2027年3月10日止 in its ruling and notice', () => {
    const period = renewalPeriod('2026-03-10', 'deposit');
    for (const type of DOCUMENTS_FOR.renew) {
      expect(fullText(buildDocument(type, { ...dataFor(type), period }))).toContain('续行冻结期限自2026年3月11日起至2027年3月10日止');
    }
    // a flat sealed until 2026-03-10 is sealed again for up to three years
    const flat = { kind: 'real_estate' as const, institution: '贵阳市不动产登记中心', identifier: '黔(2021)贵阳市不动产权第0012345号', particulars: { kind: 'real_estate' as const, location: '贵州省贵阳市云岩区北京路88号', areaCentiM2: 8956 } };
    const sealed = fullText(buildDocument('续行冻结裁定书', { ...dataFor('续行冻结裁定书'), amount: undefined, asset: flat, period: renewalPeriod('2026-03-10', 'real_estate') }));
    expect(sealed).toContain('续行查封期限自2026年3月11日起至2029年3月10日止');
    expect(sealed).toContain('坐落于贵州省贵阳市云岩区北京路88号');
  });

  it('a person debtor is stated with his 住所', () => {
    const data = { ...dataFor('冻结裁定书'), debtor: { name: '李四', idNumber: PERSON_ID, address: '贵州省贵阳市云岩区中华北路1号。' } };
    expect(fullText(buildDocument('冻结裁定书', data))).toContain(`被执行人：李四，男，1980年1月1日出生，住贵州省贵阳市云岩区中华北路1号，公民身份号码${PERSON_ID}。`);
  });

  it('a company debtor is stated with 住所地 and 法定代表人', () => {
    const data = { ...dataFor('冻结裁定书'), debtor: { name: '贵州某某建筑工程有限公司', idNumber: COMPANY_ID, kind: 'company' as const, address: '贵州省贵阳市南明区花果园大街18号', legalRepresentative: { name: '李建国', title: '董事长' } } };
    const m = buildDocument('冻结裁定书', data);
    const lines = m.blocks.filter((b) => b.kind === 'paragraph' && b.style === 'party').map((b) => b.kind === 'paragraph' && b.text);
    expect(lines).toEqual([
      '申请执行人：贵州黔城商贸有限公司。',
      `被执行人：贵州某某建筑工程有限公司，住所地贵州省贵阳市南明区花果园大街18号，统一社会信用代码${COMPANY_ID}。`,
      '法定代表人：李建国，董事长。',
    ]);
    // without a 职务 the name stands alone; a company with neither is stated as before
    const noTitle = fullText(buildDocument('扣划裁定书', { ...dataFor('扣划裁定书'), debtor: { ...data.debtor, legalRepresentative: { name: '李建国' } } }));
    expect(noTitle).toContain('法定代表人：李建国。');
    const plain = fullText(buildDocument('解除冻结裁定书', { ...dataFor('解除冻结裁定书'), debtor: { name: '贵州某某建筑工程有限公司', idNumber: COMPANY_ID } }));
    expect(plain).not.toMatch(/法定代表人|住所地/);
  });

  it('the applicant is stated like the debtor: 住所地, 统一社会信用代码 and 法定代表人', () => {
    const data = { ...dataFor('冻结裁定书'), applicant: { name: '贵州黔城商贸有限公司', idNumber: COMPANY_ID, kind: 'company' as const, address: '贵州省贵阳市观山湖区长岭北路8号', legalRepresentative: { name: '王红', title: '总经理' } } };
    const lines = buildDocument('冻结裁定书', data).blocks.filter((b) => b.kind === 'paragraph' && b.style === 'party').map((b) => b.kind === 'paragraph' && b.text);
    expect(lines.slice(0, 2)).toEqual([
      `申请执行人：贵州黔城商贸有限公司，住所地贵州省贵阳市观山湖区长岭北路8号，统一社会信用代码${COMPANY_ID}。`,
      '法定代表人：王红，总经理。',
    ]);
    const person = { ...dataFor('续行冻结裁定书'), applicant: { name: '张三', idNumber: PERSON_ID, address: '贵州省贵阳市云岩区中华北路1号' } };
    expect(fullText(buildDocument('续行冻结裁定书', person))).toContain(`申请执行人：张三，男，1980年1月1日出生，住贵州省贵阳市云岩区中华北路1号，公民身份号码${PERSON_ID}。`);
    // an applicant's ID that fails its check is refused like the debtor's, not printed
    expect(problemsOf('冻结裁定书', { ...data, applicant: { ...data.applicant, idNumber: COMPANY_ID.slice(0, 17) + (COMPANY_ID.endsWith('X') ? 'Y' : 'X') } }).problems.map((p) => p.field)).toContain('applicant.idNumber');
  });

  it('a release of the excess cites 第十九条 when given it, a release for payment keeps 第二十八条', () => {
    const excess = fullText(buildDocument('解除冻结裁定书', { ...dataFor('解除冻结裁定书'), legalBasis: [ARTICLES.seizure19] }));
    expect(excess).toContain('依照《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第十九条的规定，裁定如下：');
    expect(fullText(buildDocument('解除冻结裁定书', dataFor('解除冻结裁定书')))).toContain('冻结财产的规定》第二十八条的规定，裁定如下：');
  });
});

describe('buildDocument refuses what it cannot fill', () => {
  it.each(ALL_TYPES.map((t) => [t]))('%s: each required field, when missing, is named', (type) => {
    const fields = requiredFields(type);
    expect(fields).toEqual(expect.arrayContaining(['court', 'caseNumber', 'number', 'date', 'debtor.name', 'debtor.idNumber']));
    if (isRuling(type)) expect(fields).toEqual(expect.arrayContaining(['applicant.name', 'officer.name', 'asset']));
    for (const field of fields) {
      const e = problemsOf(type, without(dataFor(type), field));
      expect(e.problems.map((p) => p.field), `${type} without ${field}`).toContain(field);
      // Worded for the judge, in both languages, and typed for IPC.
      expect(e.error.code).toBe('VALIDATION');
      expect(e.error.detail?.zh).toMatch(/缺少|不是有效|不正确|未知/);
      expect(e.message).not.toBe('');
    }
  });

  it.each(ALL_TYPES.map((t) => [t]))('%s: blank strings count as missing', (type) => {
    const e = problemsOf(type, { ...dataFor(type), court: '  ', debtor: { name: '', idNumber: PERSON_ID } });
    expect(e.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['court', 'debtor.name']));
  });

  it('needs the period of a freeze or renewal, the account of a deduction, the reason of a release', () => {
    expect(requiredFields('冻结裁定书')).toEqual(expect.arrayContaining(['period.start', 'period.end']));
    expect(requiredFields('协助续行冻结通知书')).toEqual(expect.arrayContaining(['period.start', 'period.end', 'previousRulingNumber', 'rulingNumber']));
    expect(requiredFields('扣划裁定书')).toEqual(expect.arrayContaining(['amount', 'courtAccount.name', 'courtAccount.bank', 'courtAccount.account']));
    expect(requiredFields('解除冻结裁定书')).toEqual(expect.arrayContaining(['reason', 'previousRulingNumber']));
    expect(requiredFields('解除冻结裁定书')).not.toContain('amount');
    expect(requiredFields('协助查询通知书')).toContain('addressee');
    expect(requiredFields('协助查询通知书')).not.toContain('asset');
  });

  it('refuses invalid data instead of printing it', () => {
    const d = dataFor('冻结裁定书');
    const fields = (data: DocumentData) => problemsOf('冻结裁定书', data).problems.map((p) => p.field);
    const badId = `${PERSON_ID.slice(0, 17)}${PERSON_ID[17] === '0' ? '1' : '0'}`;
    expect(fields({ ...d, debtor: { name: '李四', idNumber: badId } })).toEqual(['debtor.idNumber']);
    expect(fields({ ...d, debtor: { name: '李四', idNumber: PERSON_ID, kind: 'company' } })).toEqual(['debtor.idNumber']);
    expect(fields({ ...d, caseNumber: '(2025)黔0103民1234号' })).toContain('caseNumber');
    expect(fields({ ...d, number: '(2025)黔0103执9999号之一' })).toEqual(['number']);
    expect(fields({ ...d, number: '第一号' })).toEqual(['number']);
    expect(fields({ ...d, amount: -1 })).toEqual(['amount']);
    expect(fields({ ...d, amount: 0 })).toEqual(['amount']);
    expect(fields({ ...d, amount: 100.5 })).toEqual(['amount']);
    expect(fields({ ...d, period: { start: '2025-03-04', end: '2025-03-03' } })).toEqual(['period.end']);
    expect(fields({ ...d, period: { start: '2025-02-30', end: '2026-03-03' } })).toEqual(['period.start']);
    expect(fields({ ...d, date: '2025-13-01' })).toEqual(['date']);
    expect(fields({ ...d, asset: { kind: 'boat' as never, institution: 'x', identifier: 'y' } })).toContain('asset.kind');
    expect(fields({ ...d, previousRulingNumber: 'earlier' })).toEqual(['previousRulingNumber']);
  });

  it('reports every problem at once, and checkDocumentData lists them without throwing', () => {
    const d = without(without(without(dataFor('扣划裁定书'), 'amount'), 'courtAccount'), 'officer');
    const fields = checkDocumentData('扣划裁定书', d).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['amount', 'courtAccount.name', 'courtAccount.bank', 'courtAccount.account', 'officer.name']));
    expect(checkDocumentData('扣划裁定书', dataFor('扣划裁定书'))).toEqual([]);
  });

  it('never prints a placeholder a hand-made template leaves unfilled', () => {
    // Bypasses parseTemplateSet, which would refuse the unknown key at load.
    const t = structuredClone(TEMPLATES) as TemplateSet;
    t.documents['冻结裁定书'].blocks.push({ kind: 'paragraph', style: 'body', text: '附：{attachment}' } as never);
    const e = (() => {
      try {
        createDocumentBuilder(t).buildDocument('冻结裁定书', dataFor('冻结裁定书'));
      } catch (err) {
        return err as DocumentError;
      }
      throw new Error('built');
    })();
    expect(e).toBeInstanceOf(DocumentError);
    expect(e.problems).toEqual([expect.objectContaining({ field: 'attachment' })]);
  });
});
