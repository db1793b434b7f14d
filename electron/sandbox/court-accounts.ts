/** Courts' receiving accounts for enforcement money (执行款专户): where deductions arrive. */
import type { CourtAccount } from './ledger';

export const COURT_ACCOUNTS: readonly CourtAccount[] = [
  { court: '黔0103', bank: '中国工商银行股份有限公司贵阳中华北路支行', accountNo: '2402001109200031035', name: '贵阳市云岩区人民法院' },
  { court: '黔0102', bank: '中国建设银行股份有限公司贵阳南明支行', accountNo: '52050100370809000102', name: '贵阳市南明区人民法院' },
];
