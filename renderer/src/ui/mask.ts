/**
 * Masking for what others may see (a hearing room, a shared screen): an account keeps its first
 * four and last four characters, the rest is starred, so the debtor recognises it and nobody else
 * can use it.
 */
export function maskAccount(identifier: string): string {
  const compact = identifier.replace(/\s+/g, '');
  if (compact.length <= 8) return compact.length <= 4 ? compact : `${'*'.repeat(compact.length - 4)}${compact.slice(-4)}`;
  const middle = '*'.repeat(compact.length - 8);
  return `${compact.slice(0, 4)} ${middle.replace(/(.{4})(?=.)/g, '$1 ')} ${compact.slice(-4)}`;
}
