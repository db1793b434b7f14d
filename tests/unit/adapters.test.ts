/**
 * Adapters normalise each agency's own feedback format (docs/gateway-protocol.md, "Feedback
 * formats"): real samples from the sandbox's formatters, hand-written samples per bank with exact
 * fen, duplicate records removed, and anything off-format refused with FeedbackFormatError.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL_IDS, channelInfo, type ChannelId } from '../../shared/domain/channels';
import { ADAPTERS, adapterFor } from '../../electron/engine/adapters/index';
import { FeedbackFormatError } from '../../electron/engine/types';
import { FORMATTERS } from '../../electron/sandbox/formats/index';
import { generatePopulation } from '../../electron/sandbox/population/index';
import type { Subject } from '../../electron/sandbox/population/types';
import { expectedFindings, project, recordCount } from '../helpers/sandbox-truth';

const pop = generatePopulation(20250701);
const everyone: Subject[] = [...pop.persons, ...pop.companies];

/** the subject with the most records and freezes on a channel (so samples exercise every part) */
function richest(ch: ChannelId): Subject {
  let best = everyone[0]!;
  let n = -1;
  for (const s of everyone) {
    const c = recordCount(ch, s) + 2 * expectedFindings(ch, s).assets.reduce((t, a) => t + a.freezes.length, 0);
    if (c > n) {
      best = s;
      n = c;
    }
  }
  return best;
}

const render = (ch: ChannelId, subject: Subject | undefined, duplicate = false) =>
  JSON.parse(JSON.stringify(FORMATTERS[ch].render({ subject, duplicate, answeredAt: '2026-11-02T03:04:05.000Z', gatewayRef: 'SBX00000042' })));

const formatError = (ch: ChannelId, fb: unknown) => () => ADAPTERS[ch].normalize(fb);

describe('every channel has an adapter', () => {
  it('covers the 22 channels with sensible limits', () => {
    expect(Object.keys(ADAPTERS).sort()).toEqual([...CHANNEL_IDS].sort());
    for (const ch of CHANNEL_IDS) {
      const a = adapterFor(ch);
      expect(a.channel).toBe(ch);
      const l = a.limits;
      for (const v of [l.concurrency, l.ratePerSecond, l.timeoutMs, l.pollIntervalMs, l.maxPolls, l.maxAttempts]) expect(Number.isInteger(v) && v > 0).toBe(true);
      expect(a.queryParams({ kind: 'person', name: '张三', idNumber: '11010519491231002X' })).toBeTypeOf('object');
    }
    expect(() => adapterFor('bank.unknown')).toThrow();
  });
});

describe.each([...CHANNEL_IDS])('%s', (ch) => {
  const subject = richest(ch);
  const truth = expectedFindings(ch, subject);

  it('normalises a real sample to exactly the truth', () => {
    expect(truth.assets.length + truth.whereabouts.length + truth.info.length).toBeGreaterThan(0);
    const f = ADAPTERS[ch].normalize(render(ch, subject));
    expect(project(f, truth)).toEqual(truth);
    const yields = channelInfo(ch).yields;
    if (yields === 'assets') expect(f.assets.length).toBeGreaterThan(0);
    for (const a of f.assets) {
      if (a.value !== undefined) expect(Number.isSafeInteger(a.value)).toBe(true);
      expect(a.description.length).toBeGreaterThan(0);
      expect(a.institution.length).toBeGreaterThan(0);
    }
  });

  it('removes a record delivered twice', () => {
    const fb = render(ch, subject, true);
    expect(JSON.stringify(fb)).not.toBe(JSON.stringify(render(ch, subject)));
    expect(ADAPTERS[ch].normalize(fb)).toEqual(ADAPTERS[ch].normalize(render(ch, subject)));
  });

  it('answers "no records" with empty findings', () => {
    expect(ADAPTERS[ch].normalize(render(ch, undefined))).toEqual({ assets: [], whereabouts: [], info: [] });
  });

  it('refuses garbage: not an object, an error page, a missing top-level field', () => {
    for (const g of [null, 42, 'x', [], '<html><body>502 Bad Gateway</body></html>', {}]) {
      expect(formatError(ch, g)).toThrow(FeedbackFormatError);
    }
    const fb = render(ch, subject);
    delete fb[Object.keys(fb)[0]!];
    expect(formatError(ch, fb)).toThrow(FeedbackFormatError);
  });

  it('refuses a record with a missing or malformed field', () => {
    const fb = render(ch, subject);
    BREAK[ch](fb);
    expect(formatError(ch, fb)).toThrow(FeedbackFormatError);
  });
});

/** one off-format change per channel, inside a record */
const BREAK: Record<ChannelId, (fb: any) => void> = {
  'bank.icbc': (fb) => { fb.rows[0][4] = '1,234.5'; },
  'bank.ccb': (fb) => { delete fb.CXJG.ZHXX[0].ZHYE; },
  'bank.abc': (fb) => { fb.text = fb.text.replace(/\nD\|([^|]*)\|([^|]*)\|(\w\w)\|(\d+)\|/, '\nD|$1|$2|$3|$4.00|'); },
  'bank.boc': (fb) => { fb.Envelope.Body.InquiryRsp.AcctList.Acct[0].Bal.Ccy = 'USD'; },
  'bank.bocom': (fb) => { fb.data.accounts[0].balanceFen = 12.5; },
  'bank.cmb': (fb) => { fb['账户列表'][0]['账户余额'] = '12345.67'; },
  'bank.gyb': (fb) => { const p = JSON.parse(fb.payload); p.acctList[0].bal = '1234.5612'; fb.payload = JSON.stringify(p); },
  'funds.alipay': (fb) => { delete fb.alipay_judicial_account_query_response.account_list[0].user_id; },
  'funds.tenpay': (fb) => { fb.list[0].balance = '100'; },
  'securities.csdc': (fb) => { fb.positions[0].mktValue = '1.00'; },
  'wealth.cwmr': (fb) => { fb.data.holdings[0].marketValue.unit = '万元'; },
  'realestate.gz': (fb) => { delete fb.data.bdcdy[0].bdcqzh; },
  'vehicle.mps': (fb) => { fb.body.vehicles[0].csys = '银'; },
  'equity.samr': (fb) => { fb.result.investments[0].subConAm = '120.5'; },
  'providentfund.gy': (fb) => { fb.content = fb.content.replace('个人账号', '账号'); },
  'tax.sta': (fb) => { fb.Data.JNXX[0].SJJE = 'abc'; },
  'insurance.cbirc': (fb) => { fb.policyList[0].annualPremium.unit = '元'; },
  'socialsecurity.gz': (fb) => { fb.rows[0]['首次参保年月'] = '2012-10'; },
  'civilaffairs.mca': (fb) => { fb.marriageRecords[0].opType = 'XX'; },
  'household.gz': (fb) => { fb.rkxx[0].hjqrrq = '2012-10-07'; },
  'exitentry.gz': (fb) => { fb.records[0].pop(); },
  'hotel.gz': (fb) => { fb.data.list[0].checkInTime = '1719812345'; },
};

describe('hand-written bank samples, amounts exact in fen', () => {
  const freeze = { court: '贵阳市南明区人民法院', caseNumber: '(2025)黔0102执77号', amount: 500_000, until: '2027-03-31' };

  it('工商银行: 元 strings in rows under a header', () => {
    const f = ADAPTERS['bank.icbc'].normalize({
      retCode: '0', retMsg: '查询成功', qrySeq: 'ICBC1',
      head: ['账号', '开户网点', '账户类型', '币种', '余额', '可用余额', '冻结信息'],
      rows: [['6222021234567890123', '中国工商银行股份有限公司贵阳中华北路支行', '活期储蓄', 'CNY', '12345.67', '7345.67', '贵阳市南明区人民法院/(2025)黔0102执77号/5000.00/2027-03-31']],
    });
    expect(f.assets).toEqual([{ kind: 'deposit', institution: '中国工商银行股份有限公司贵阳中华北路支行', identifier: '6222021234567890123', description: '中国工商银行 活期储蓄', value: 1_234_567, available: 734_567, existingFreezes: [freeze] }]);
  });

  it('建设银行: 分 as digit strings', () => {
    const f = ADAPTERS['bank.ccb'].normalize({ FHDM: '000000', FHXX: '交易成功', CXJG: { JLS: '1', ZHXX: [{ ZH: '6217001234567890123', KHWD: '建行城北支行', ZHLB: '03', BZ: '156', ZHYE: '100000001', KYYE: '99500001', DJXX: [{ DJJG: freeze.court, DJWH: freeze.caseNumber, DJJE: '500000', DJJZRQ: '20270331' }] }] } });
    expect(f.assets[0]).toMatchObject({ value: 100_000_001, available: 99_500_001, description: '中国建设银行 单位结算账户', existingFreezes: [freeze] });
  });

  it('农业银行: a text block in fen with header and trailer counts', () => {
    const text = ['H|ABC|20261102110405|2', 'D|6228481234567890123|农行云岩支行|SA|1|1', 'D|6228489876543210987|农行南明支行|TD|99999999|99499999', 'F|6228489876543210987|贵阳市南明区人民法院|(2025)黔0102执77号|500000|20270331', 'T|2'].join('\n');
    const f = ADAPTERS['bank.abc'].normalize({ fmt: 'ABC-CK-TXT/1.2', charset: 'UTF-8', text });
    expect(f.assets.map((a) => [a.identifier, a.value, a.available, a.existingFreezes.length])).toEqual([['6228481234567890123', 1, 1, 0], ['6228489876543210987', 99_999_999, 99_499_999, 1]]);
    expect(() => ADAPTERS['bank.abc'].normalize({ fmt: 'ABC-CK-TXT/1.2', charset: 'UTF-8', text: text.replace('T|2', 'T|3') })).toThrow(FeedbackFormatError);
  });

  it('中国银行: grouped 元 in nested envelopes', () => {
    const money = (Amt: string) => ({ Amt, Ccy: 'CNY' });
    const f = ADAPTERS['bank.boc'].normalize({ Envelope: { Header: { RspCode: 'BOC0000', RspMsg: 'OK', TxnTime: 'x', RefNo: 'r' }, Body: { InquiryRsp: { AcctCount: 1, AcctList: { Acct: [{ AcctNo: '621785000012345678', OpenBranch: '中行中华北路支行', AcctType: 'Fixed', Bal: money('1,234,567.89'), AvlBal: money('1,229,567.89'), Holds: { Hold: [{ Authority: freeze.court, DocNo: freeze.caseNumber, Amt: money('5,000.00'), ExpDt: '2027-03-31' }] } }] } } } } });
    expect(f.assets[0]).toMatchObject({ value: 123_456_789, available: 122_956_789, description: '中国银行 定期储蓄', existingFreezes: [freeze] });
  });

  it('交通银行: integer fen', () => {
    const f = ADAPTERS['bank.bocom'].normalize({ code: 0, message: 'success', data: { total: 1, accounts: [{ accountNo: '6222601234567890123', branchName: '交行瑞金支行', accountType: 'SAVINGS', currency: 'CNY', balanceFen: 9, availableFen: 0, freezes: [{ courtName: freeze.court, docNo: freeze.caseNumber, frozenFen: 9, expireDate: '2027-03-31' }] }] } });
    expect(f.assets[0]).toMatchObject({ value: 9, available: 0, existingFreezes: [{ ...freeze, amount: 9 }] });
  });

  it('招商银行: "元"-suffixed amounts and Chinese dates', () => {
    const f = ADAPTERS['bank.cmb'].normalize({ 返回码: '0000', 返回信息: '查询成功', 账户列表: [{ 账号: '6214851234567890', 开户机构: '招行贵阳分行营业部', 账户性质: '个人活期', 账户余额: '0.10元', 可用余额: '0.10元', 冻结记录: [] }] });
    expect(f.assets[0]).toMatchObject({ value: 10, available: 10, existingFreezes: [] });
  });

  it('贵阳银行: JSON in a string, 元 with four decimals, freezes joined by account', () => {
    const payload = JSON.stringify({ acctList: [{ acct: '6221511234567890123', brch: '贵阳银行云岩支行', kind: '1', bal: '20000.0500', avl: '15000.0500' }], frzList: [{ acct: '6221511234567890123', org: freeze.court, wh: freeze.caseNumber, amt: '5000.0000', end: '2027/03/31' }] });
    const f = ADAPTERS['bank.gyb'].normalize({ ret: '00', msg: '交易成功', cnt: 1, payload });
    expect(f.assets[0]).toMatchObject({ value: 2_000_005, available: 1_500_005, existingFreezes: [freeze] });
    expect(() => ADAPTERS['bank.gyb'].normalize({ ret: '00', msg: '', cnt: 1, payload: '{"acctList":' })).toThrow(FeedbackFormatError);
  });

  it('refuses two different records under one account number', () => {
    const row = ['6222021234567890123', '支行', '活期储蓄', 'CNY', '1.00', '1.00', ''];
    const fb = { retCode: '0', retMsg: '', qrySeq: '', head: ['账号', '开户网点', '账户类型', '币种', '余额', '可用余额', '冻结信息'], rows: [row, [...row.slice(0, 4), '2.00', '2.00', '']] };
    expect(() => ADAPTERS['bank.icbc'].normalize(fb)).toThrow(/share one identifier/);
  });

  it('a FeedbackFormatError names the channel and the path', () => {
    try {
      ADAPTERS['bank.bocom'].normalize({ code: 0, data: { total: 1, accounts: [{}] } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FeedbackFormatError);
      expect((e as FeedbackFormatError).channel).toBe('bank.bocom');
      expect((e as Error).message).toContain('data.accounts[0]');
    }
  });
});

describe('what exempt property needs from the answers (docs/domain.md rule 5)', () => {
  const pf = (rows: string[]) => ({ center: '贵阳住房公积金管理中心', format: 'csv', content: ['个人账号,单位名称,账户余额,月缴存额,账户状态,提取条件', ...rows].join('\r\n') + '\r\n' });

  it('住房公积金: the withdrawal condition met, or none, is kept with the account; anything else is refused', () => {
    const [working, retired] = ADAPTERS['providentfund.gy'].normalize(pf([
      '52011234567890,贵阳鑫盛商贸有限公司,45678.90,1080.00,正常,无',
      '52019876543210,贵阳鑫盛商贸有限公司,1000.00,0.00,封存,离休、退休',
    ])).assets;
    expect(working!.withdrawal).toEqual({ status: '正常' });
    expect(working!.description).toContain('提取条件 不符合');
    expect(retired!.withdrawal).toEqual({ status: '封存', condition: '离休、退休' });
    expect(formatError('providentfund.gy', pf(['52011234567890,贵阳鑫盛商贸有限公司,45678.90,1080.00,正常,想取就取']))).toThrow(FeedbackFormatError);
    expect(formatError('providentfund.gy', pf(['52011234567890,贵阳鑫盛商贸有限公司,45678.90,1080.00,正常']))).toThrow(FeedbackFormatError);
  });

  it('不动产登记: the unit’s 用途 is kept, so that one 住宅 marks the only home', () => {
    const owner = everyone.find((s) => s.holdings.realEstate.some((r) => r.usage === '住宅'))!;
    const assets = ADAPTERS['realestate.gz'].normalize(render('realestate.gz', owner)).assets;
    expect(assets.map((a) => a.usage)).toEqual(owner.holdings.realEstate.map((r) => r.usage));
  });

  it('the sandbox center reports a retired holder’s condition and none for a working one', () => {
    const holders = pop.persons.filter((p) => p.holdings.providentFund.length > 0);
    const retired = holders.find((p) => p.birthDate <= '1965-12-31')!;
    const working = holders.find((p) => p.birthDate > '1965-12-31')!;
    expect(ADAPTERS['providentfund.gy'].normalize(render('providentfund.gy', retired)).assets[0]!.withdrawal?.condition).toBe('离休、退休');
    expect(ADAPTERS['providentfund.gy'].normalize(render('providentfund.gy', working)).assets[0]!.withdrawal?.condition).toBeUndefined();
  });
});

describe('the particulars a registry needs on a 查封 or a freeze', () => {
  const unit = { bdcqzh: '黔(2021)贵阳市不动产权第0012345号', bdcdyh: '520102001001GB00001F00010001', zl: '贵州省贵阳市云岩区北京路88号3栋2单元1502号', mj: '89.56', yt: '住宅', gyfs: '共同共有', djsj: '2021-03-15 00:00:00', djjg: '贵阳市不动产登记中心', cfxx: [] };
  const realEstate = (u: object) => ({ code: 200, msg: 'ok', data: { qlr: '张三', zjhm: '520103199001011236', bdcdy: [u] } });
  const car = { hphm: '贵A3B821', hpzl: '02', clpp1: '大众', clxh: '一汽-大众朗逸', csys: 'A', clsbdh: '1M8GDM9AXKP042788', ccdjrq: '2019-05-20', fzjg: '贵阳市公安局交通管理局', zt: 'A', cfxx: [] };
  const vehicles = (...vs: object[]) => ({ head: { code: '1', message: '成功' }, body: { total: String(vs.length), vehicles: vs } });

  it('real estate: 坐落, 不动产单元号 and area, beside the certificate number', () => {
    const [a] = ADAPTERS['realestate.gz'].normalize(realEstate(unit)).assets;
    expect(a).toMatchObject({ identifier: unit.bdcqzh, particulars: { kind: 'real_estate', location: unit.zl, unitNumber: '520102001001GB00001F00010001', areaCentiM2: 8956 } });
  });

  it('real estate the registry holds no 不动产单元号 for keeps its 坐落 and no unit number', () => {
    const [a] = ADAPTERS['realestate.gz'].normalize(realEstate({ ...unit, bdcdyh: '' })).assets;
    expect(a!.particulars).toEqual({ kind: 'real_estate', location: unit.zl, areaCentiM2: 8956 });
  });

  it('a malformed 不动产单元号 is refused, naming the record and the value', () => {
    for (const bad of ['520102 001001 GB00001 F00010001', '520102001001GB00001F0001000', '520102001001gb00001F00010001']) {
      expect(formatError('realestate.gz', realEstate({ ...unit, bdcdyh: bad }))).toThrow(new RegExp(`data\\.bdcdy\\[0\\]\\.bdcdyh: "${bad}" is not a 不动产单元号`));
    }
  });

  it('a vehicle: 号牌种类 by name, 车辆识别代号, brand and model', () => {
    const [a] = ADAPTERS['vehicle.mps'].normalize(vehicles(car)).assets;
    expect(a).toMatchObject({ identifier: '贵A·3B821', particulars: { kind: 'vehicle', plateType: '小型汽车', vin: '1M8GDM9AXKP042788', brand: '大众', model: '一汽-大众朗逸' } });
  });

  it('a malformed VIN is refused by its record and value: a wrong check character, a Q, a short one', () => {
    const cases: [string, RegExp][] = [
      ['1M8GDM9A1KP042788', /body\.vehicles\[1\]\.clsbdh: "1M8GDM9A1KP042788" is not a 车辆识别代号 \(VIN\): its check character \(9th\) should be X/],
      ['1M8GDM9AXKQ042788', /body\.vehicles\[1\]\.clsbdh: .*without I, O, Q/],
      ['1M8GDM9AXKP04278', /body\.vehicles\[1\]\.clsbdh: .*17 characters/],
    ];
    for (const [vin, why] of cases) {
      // the second record is at fault; the first is well formed and is read again with the next answer
      const fb = vehicles(car, { ...car, hphm: '贵A12345', clsbdh: vin });
      expect(formatError('vehicle.mps', fb)).toThrow(why);
      expect(ADAPTERS['vehicle.mps'].normalize(vehicles(car)).assets).toHaveLength(1);
    }
  });

  it('securities: 证券代码, 名称 and the number of shares held', () => {
    const fb = { header: { status: '00', desc: '查询成功', queryNo: 'CSDC-1' }, positions: [{ secAcct: 'A123456789', custodian: '华创证券贵阳营业部', secCode: '600519', secName: '贵州茅台', qty: '200', prevClose: '1488.6600', mktValue: '297732.00' }] };
    expect(ADAPTERS['securities.csdc'].normalize(fb).assets[0]!.particulars).toEqual({ kind: 'securities', holdings: [{ code: '600519', name: '贵州茅台', quantity: 200 }] });
    fb.positions[0]!.secCode = '60051';
    expect(formatError('securities.csdc', fb)).toThrow(/positions\[0\]\.secCode: "60051" is not a 证券代码/);
  });

  it('equity: the company, its credit code, the 出资额 in fen and the 比例 in basis points', () => {
    const inv = { entName: '贵阳鑫盛商贸有限公司', uniscid: '91520103MA6DN5XR41', subConAm: '120.000000', currency: '人民币', conProp: '60.00%', frozenInfo: [] };
    const fb = { status: 'success', message: '', result: { entityName: '张三', investments: [inv] } };
    expect(ADAPTERS['equity.samr'].normalize(fb).assets[0]!.particulars).toEqual({ kind: 'equity', company: '贵阳鑫盛商贸有限公司', companyCode: '91520103MA6DN5XR41', contribution: 120_000_000, ratioBp: 6_000 });
    inv.conProp = '100.01%';
    expect(formatError('equity.samr', fb)).toThrow(/conProp: "100.01%" is more than 100%/);
  });
});
