/** Valid identifiers for synthetic subjects: resident IDs (GB 11643) and credit codes (GB 32100). */
import { residentIdCheckChar } from '../../../shared/ids/resident-id';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../../shared/ids/credit-code';
import type { Rng } from '../prng';

/** region + birth date + sequence (odd for men, even for women) + check character */
export function makeResidentId(rng: Rng, regionCode: string, birthDate: string, sex: 'M' | 'F'): string {
  const seq2 = rng.int(0, 99);
  const last = sex === 'M' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(seq2).padStart(2, '0')}${last}`;
  return first17 + residentIdCheckChar(first17);
}

/** '9' (market regulation) + '1' (enterprise) + region + 9-character organisation code + check */
export function makeCreditCode(rng: Rng, regionCode: string): string {
  let org = '';
  for (let i = 0; i < 8; i++) org += rng.float() < 0.8 ? String(rng.int(0, 9)) : rng.pick([...CREDIT_CODE_CHARSET.slice(10)]);
  org += rng.pick([...CREDIT_CODE_CHARSET]);
  const first17 = `91${regionCode}${org}`;
  return first17 + creditCodeCheckChar(first17);
}
