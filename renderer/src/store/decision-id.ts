/**
 * One click of 冻结, 续冻, 解除 or 扣划 is one decision, under one id: main makes its measures once,
 * so a double click or a repeated call adds none (docs/authority.md, "One decision, one measure").
 */
export function newDecisionId(): string {
  return crypto.randomUUID();
}
