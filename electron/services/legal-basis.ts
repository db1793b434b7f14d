/** The legal basis recorded with each kind of act, so the audit log answers "on what authority". */
export const LEGAL_BASIS = {
  query: '《中华人民共和国民事诉讼法》第二百五十三条；《最高人民法院关于网络查询、冻结被执行人存款的规定》第一条',
  caseImport: '《最高人民法院关于人民法院执行工作若干问题的规定（试行）》',
} as const;
