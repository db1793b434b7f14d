/**
 * The officers of an enforcement bureau, by what they may do (docs/authority.md). One list: the
 * store's CHECK, the gateway's register, the contract's policies and the renderer's labels all
 * take their roles from here.
 */
export const ROLES = ['clerk', 'assistant', 'judge', 'chief', 'director'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Readonly<Record<Role, { zh: string; en: string }>> = {
  clerk: { zh: '书记员', en: 'Clerk' },
  assistant: { zh: '法官助理', en: 'Judge’s assistant' },
  judge: { zh: '承办法官', en: 'Judge' },
  chief: { zh: '庭长', en: 'Division chief' },
  director: { zh: '局长', en: 'Bureau director' },
};

/** Who prepares for a judge: they act only in the cases of the judges on their team. */
export const SUPPORT_ROLES: readonly Role[] = ['clerk', 'assistant'];
/** Who approves above the threshold and governs the bureau's settings. */
export const SENIOR_ROLES: readonly Role[] = ['chief', 'director'];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
