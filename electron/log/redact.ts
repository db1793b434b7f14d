/**
 * Masks anything in a string that looks like personal data, so no log line and no audit reference
 * ever carries it in full (docs/architecture.md §9: no personal data in plaintext on disk).
 * Patterns are deliberately broad: a false mask costs a log reader a few digits, a miss leaks a
 * debtor's identity.
 */

/** a token boundary: the match must not be part of a longer run of letters or digits */
const B = '(?<![0-9A-Za-z])';
const E = '(?![0-9A-Za-z])';

const PATTERNS: readonly RegExp[] = [
  // resident ID, GB 11643: 17 digits and a digit or X (also the old 15-digit form)
  new RegExp(`${B}\\d{17}[\\dXx]${E}`, 'g'),
  // unified social credit code, GB 32100: 18 characters over 0-9A-Z without I, O, S, V, Z
  new RegExp(`${B}[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}${E}`, 'g'),
  // phone numbers: mainland mobile (optionally +86), landline with area code
  new RegExp(`(?<![0-9A-Za-z+])(?:\\+?86[ -]?)?1[3-9]\\d{9}${E}`, 'g'),
  new RegExp(`${B}0\\d{2,3}-\\d{7,8}${E}`, 'g'),
  // bank card and account numbers: a long digit run (also the old 15-digit ID), or digits printed
  // in groups of four as on a card; a date's 4-2-2 grouping does not match
  new RegExp(`${B}\\d{4}(?:[ -]\\d{4}){2,}(?:[ -]\\d{1,4})?${E}`, 'g'),
  new RegExp(`${B}\\d{12,}${E}`, 'g'),
  // e-mail addresses
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
];

/** Two or more Han characters: a personal or company name (single characters such as 执 in a case number stay). */
const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]{2,}/gu;

/** Keeps the first and last few characters so lines stay correlatable: 5201**********1234. */
function maskToken(s: string): string {
  const digits = s.replace(/[ -]/g, '');
  if (digits.length <= 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 4)}${'*'.repeat(digits.length - 8)}${digits.slice(-4)}`;
}

/** Our own ids are UUIDs: their dash-separated groups can look like a grouped card number. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function maskPart(s: string): string {
  let out = s;
  for (const p of PATTERNS) out = out.replace(p, (m) => (m.includes('@') ? '***@***' : maskToken(m)));
  return out;
}

/** Masks ID numbers, credit codes, phone numbers, account numbers and e-mail addresses; UUIDs pass. */
export function maskIdentifiers(s: string): string {
  let out = '';
  let from = 0;
  for (const m of s.matchAll(UUID)) {
    out += maskPart(s.slice(from, m.index)) + m[0];
    from = m.index + m[0].length;
  }
  return out + maskPart(s.slice(from));
}

/** maskIdentifiers plus names: runs of Han characters become '*'. For log values, never for audit text. */
export function maskPersonal(s: string): string {
  return maskIdentifiers(s).replace(HAN_RUN, (m) => '*'.repeat([...m].length));
}

/** True when the string still holds something maskIdentifiers would change. */
export function looksPersonal(s: string): boolean {
  return maskIdentifiers(s) !== s;
}
