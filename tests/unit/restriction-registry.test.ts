/**
 * Who a restriction on a company binds comes from the business registry's answer (docs/domain.md
 * rule 9): the sandbox renders a company's registration as the registry does, and the adapter reads
 * its 法定代表人 back with his ID number; positions the article does not name are left out.
 */
import { describe, expect, it } from 'vitest';
import { samrKeyPersons } from '../../electron/engine/adapters/equity-samr';
import { samrFormatter } from '../../electron/sandbox/formats/equity-samr';
import { emptyHoldings } from '../../electron/sandbox/population/subjects';
import type { CompanySubject } from '../../electron/sandbox/population/types';

const company: CompanySubject = {
  kind: 'company', name: '贵阳鑫盛商贸有限公司', idNumber: '91520103MA6DN5XR41', regionCode: '520103', address: '贵阳市云岩区中华北路1号',
  legalRepresentative: { name: '王建国', idNumber: '11010519491231002X' }, registeredCapital: 1_000_000_00, tier: 'modest', holdings: emptyHoldings(),
};
const render = (subject: CompanySubject | undefined) => samrFormatter.render({ subject, duplicate: false, answeredAt: '2026-12-03T02:00:00.000Z', gatewayRef: 'GW1' });

describe('the persons a company’s restriction binds, from the registry', () => {
  it('the registry’s answer on a company names its legal representative with his ID number', () => {
    expect(samrKeyPersons(render(company))).toEqual([{ role: 'legal-representative', name: '王建国', idNumber: '11010519491231002X' }]);
  });

  it('a person’s answer names nobody; a director or supervisor is not bound; an actual controller is', () => {
    expect(samrKeyPersons(render(undefined))).toEqual([]);
    const fb = render(company) as { result: { keyPersons: unknown[] } };
    fb.result.keyPersons.push({ position: '监事', name: '李四', cerType: '居民身份证', cerNo: '11010519491231002X' });
    fb.result.keyPersons.push({ position: '实际控制人', name: '赵六', cerType: '居民身份证', cerNo: '52010319800101001X' });
    expect(samrKeyPersons(fb).map((p) => [p.role, p.name])).toEqual([['legal-representative', '王建国'], ['actual-controller', '赵六']]);
  });

  it('refuses a key person whose ID number fails its check digit', () => {
    const fb = render(company) as { result: { keyPersons: { cerNo: string }[] } };
    fb.result.keyPersons[0]!.cerNo = '110105194912310020';
    expect(() => samrKeyPersons(fb)).toThrow(/keyPersons\[0\]\.cerNo/);
  });
});
