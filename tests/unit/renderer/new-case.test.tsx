// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { residentIdCheckChar } from '../../../shared/ids/resident-id';
import { DEBTOR_COMPANY_ID, DEBTOR_PERSON_ID, APPLICANT_ID, fail } from './fake-api';
import { renderApp, resetAll } from './render-app';

/** A first-17 whose check character is X, so that typing 5 instead gives "应为 X，而不是 5". */
function idWithCheckX(): string {
  for (let seq = 100; seq < 999; seq++) {
    const first17 = `52010219900101${seq}`;
    if (residentIdCheckChar(first17) === 'X') return first17;
  }
  throw new Error('no such id');
}

async function openForm() {
  const view = renderApp();
  fireEvent.click(await screen.findByTestId('case-new'));
  await screen.findByTestId('newcase-form');
  return view;
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

function fillValid() {
  type('newcase-number', '（2025）黔0103执88号');
  type('newcase-filed-on', '2025-03-01');
  type('newcase-cause', '民间借贷纠纷');
  type('newcase-amount', '¥12,345.6');
  type('newcase-costs', '150.05');
  type('newcase-applicant-name', '赵明');
  type('newcase-applicant-id', APPLICANT_ID);
  type('newcase-debtor-0-name', '张三');
  type('newcase-debtor-0-id', DEBTOR_PERSON_ID.toLowerCase());
}

describe('new case form', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  it('rejects a wrong ID check digit with the precise message, as soon as 18 characters are in', async () => {
    await openForm();
    const first17 = idWithCheckX();
    type('newcase-debtor-0-id', `${first17.slice(0, 10)}`);
    expect(screen.queryByTestId('newcase-debtor-0-id-error')).toBeNull();
    type('newcase-debtor-0-id', `${first17}5`);
    const error = screen.getByTestId('newcase-debtor-0-id-error');
    expect(error.textContent).toContain('第 18 位校验码应为 X，而不是 5');
    expect(screen.getByTestId('newcase-debtor-0-id').getAttribute('aria-invalid')).toBe('true');
    type('newcase-debtor-0-id', `${first17}X`);
    expect(screen.queryByTestId('newcase-debtor-0-id-error')).toBeNull();
  });

  it('checks a company debtor against the credit-code rule', async () => {
    await openForm();
    fireEvent.change(screen.getByTestId('newcase-debtor-0-kind'), { target: { value: 'company' } });
    const wrong = DEBTOR_COMPANY_ID.slice(0, 17) + (DEBTOR_COMPANY_ID[17] === '0' ? '1' : '0');
    type('newcase-debtor-0-id', wrong);
    expect(screen.getByTestId('newcase-debtor-0-id-error').textContent).toContain(
      `统一社会信用代码不正确：第 18 位校验码应为 ${DEBTOR_COMPANY_ID[17]}，而不是 ${wrong[17]}`,
    );
  });

  it('rejects a malformed case number once the field is left', async () => {
    await openForm();
    type('newcase-number', '2025黔0103执1234号');
    expect(screen.queryByTestId('newcase-number-error')).toBeNull();
    fireEvent.blur(screen.getByTestId('newcase-number'));
    expect(screen.getByTestId('newcase-number-error').textContent).toContain('案号格式不正确');
    expect(screen.getByTestId('newcase-number-error').textContent).toContain('案号应以“(年份)”开头');
    type('newcase-number', '(2025)黔0103民1234号');
    expect(screen.getByTestId('newcase-number-error').textContent).toContain('类型代字“民”不是执行案件类型');
  });

  it('does not send an incomplete form, and marks every missing field', async () => {
    const { fake } = await openForm();
    fireEvent.click(screen.getByTestId('newcase-submit'));
    expect(screen.getByTestId('newcase-number-error').textContent).toBe('必填');
    expect(screen.getByTestId('newcase-amount-error').textContent).toBe('必填');
    expect(screen.getByTestId('newcase-debtor-0-name-error').textContent).toBe('必填');
    expect(fake.callsOf('cases.create')).toHaveLength(0);
  });

  it('sends amounts in fen, normalised case number and IDs, and opens the new case', async () => {
    const { fake } = await openForm();
    fillValid();
    fireEvent.click(screen.getByTestId('newcase-debtor-add'));
    fireEvent.change(screen.getByTestId('newcase-debtor-1-kind'), { target: { value: 'company' } });
    type('newcase-debtor-1-name', '贵州黔丰建材有限公司');
    type('newcase-debtor-1-id', DEBTOR_COMPANY_ID);
    fireEvent.click(screen.getByTestId('newcase-submit'));
    await waitFor(() => expect(fake.callsOf('cases.create')).toHaveLength(1));
    expect(fake.callsOf('cases.create')[0]).toEqual({
      number: '(2025)黔0103执88号',
      filedOn: '2025-03-01',
      cause: '民间借贷纠纷',
      amountOwed: 1_234_560,
      costs: 15_005,
      applicant: { kind: 'person', name: '赵明', idNumber: APPLICANT_ID },
      debtors: [
        { kind: 'person', name: '张三', idNumber: DEBTOR_PERSON_ID },
        { kind: 'company', name: '贵州黔丰建材有限公司', idNumber: DEBTOR_COMPANY_ID },
      ],
    });
    expect(await screen.findByTestId('case-header-number')).toHaveProperty('textContent', '(2025)黔0103执88号');
    expect(screen.queryByTestId('newcase-form')).toBeNull();
  });

  it('rejects an amount with three decimals and a zero amount owed', async () => {
    await openForm();
    type('newcase-amount', '10.005');
    fireEvent.blur(screen.getByTestId('newcase-amount'));
    expect(screen.getByTestId('newcase-amount-error').textContent).toContain('最多两位小数');
    type('newcase-amount', '0');
    expect(screen.getByTestId('newcase-amount-error').textContent).toBe('执行标的必须大于 0');
  });

  it("shows main's CASE_EXISTS by the case number field, and clears it when the number changes", async () => {
    const { fake } = await openForm();
    fake.handle('cases.create', () => fail('CASE_EXISTS'));
    fillValid();
    fireEvent.click(screen.getByTestId('newcase-submit'));
    const e = await screen.findByTestId('newcase-number-error');
    expect(e.textContent).toBe('该案号已存在');
    expect(screen.getByTestId('newcase-form')).toBeTruthy();
    type('newcase-number', '(2025)黔0103执89号');
    expect(screen.queryByTestId('newcase-number-error')).toBeNull();
  });

  it("places a server error naming a debtor's field by that field", async () => {
    const { fake } = await openForm();
    fake.handle('cases.create', () => fail('ID_NUMBER_INVALID', { zh: '第 7–14 位出生日期不正确', en: 'bad birth date' }, 'debtors[0].idNumber'));
    fillValid();
    fireEvent.click(screen.getByTestId('newcase-submit'));
    expect((await screen.findByTestId('newcase-debtor-0-id-error')).textContent).toBe('身份证号码不正确：第 7–14 位出生日期不正确');
  });

  it("sends each party's 住所 and a company debtor's 法定代表人 with his 职务; a person has no 法定代表人 field", async () => {
    const { fake } = await openForm();
    fillValid();
    type('newcase-applicant-address', '  贵州省贵阳市云岩区中华北路1号 ');
    expect(screen.queryByTestId('newcase-applicant-rep-name')).toBeNull();
    fireEvent.change(screen.getByTestId('newcase-debtor-0-kind'), { target: { value: 'company' } });
    type('newcase-debtor-0-name', '贵州黔丰建材有限公司');
    type('newcase-debtor-0-id', DEBTOR_COMPANY_ID);
    type('newcase-debtor-0-address', '贵州省贵阳市南明区花果园大街18号');
    type('newcase-debtor-0-rep-name', '李建国');
    type('newcase-debtor-0-rep-title', '董事长');
    fireEvent.click(screen.getByTestId('newcase-submit'));
    await waitFor(() => expect(fake.callsOf('cases.create')).toHaveLength(1));
    expect(fake.callsOf('cases.create')[0]).toMatchObject({
      applicant: { kind: 'person', name: '赵明', idNumber: APPLICANT_ID, address: '贵州省贵阳市云岩区中华北路1号' },
      debtors: [{ kind: 'company', name: '贵州黔丰建材有限公司', idNumber: DEBTOR_COMPANY_ID, address: '贵州省贵阳市南明区花果园大街18号', legalRepresentative: { name: '李建国', title: '董事长' } }],
    });
    expect(fake.callsOf('cases.create')[0].applicant).not.toHaveProperty('legalRepresentative');
  });

  it("marks a 职务 typed without the 法定代表人's name, and sends nothing", async () => {
    const { fake } = await openForm();
    fillValid();
    fireEvent.change(screen.getByTestId('newcase-debtor-0-kind'), { target: { value: 'company' } });
    type('newcase-debtor-0-id', DEBTOR_COMPANY_ID);
    type('newcase-debtor-0-rep-title', '董事长');
    fireEvent.click(screen.getByTestId('newcase-submit'));
    expect(screen.getByTestId('newcase-debtor-0-rep-name-error').textContent).toBe('必填');
    expect(fake.callsOf('cases.create')).toHaveLength(0);
  });

  it("places main's refusal of a 法定代表人 by that field", async () => {
    const { fake } = await openForm();
    fake.handle('cases.create', () => fail('VALIDATION', { zh: '自然人没有法定代表人，请删去或将当事人类型改为单位', en: 'a person has no legal representative' }, 'debtors.0.legalRepresentative'));
    fillValid();
    fireEvent.change(screen.getByTestId('newcase-debtor-0-kind'), { target: { value: 'company' } });
    type('newcase-debtor-0-id', DEBTOR_COMPANY_ID);
    type('newcase-debtor-0-rep-name', '李建国');
    fireEvent.click(screen.getByTestId('newcase-submit'));
    expect((await screen.findByTestId('newcase-debtor-0-rep-name-error')).textContent).toContain('自然人没有法定代表人');
  });

  it('Escape closes the form without sending', async () => {
    const { fake } = await openForm();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('newcase-form')).toBeNull();
    expect(fake.callsOf('cases.create')).toHaveLength(0);
  });
});
