/**
 * Typed error codes with the judge's wording in zh-CN and English.
 * Every error that can reach the renderer has a code here; the message explains what is wrong and,
 * where it helps, what to do. `detail` carries the precise reason (which digit, which field).
 */
export const ERRORS = {
  VALIDATION: { zh: '输入内容有误', en: 'The input is not valid' },
  CASE_NUMBER_INVALID: { zh: '案号格式不正确', en: 'The case number is malformed' },
  ID_NUMBER_INVALID: { zh: '身份证号码不正确', en: 'The resident ID number is not valid' },
  CREDIT_CODE_INVALID: { zh: '统一社会信用代码不正确', en: 'The unified social credit code is not valid' },
  MONEY_INVALID: { zh: '金额格式不正确', en: 'The amount is not valid' },
  DATE_INVALID: { zh: '日期不正确', en: 'The date is not valid' },
  NOT_SET_UP: { zh: '本机尚未初始化，请先设置', en: 'This workstation has not been set up yet' },
  ALREADY_SET_UP: { zh: '本机已经初始化', en: 'This workstation is already set up' },
  NOT_SIGNED_IN: { zh: '请先登录', en: 'Please sign in first' },
  BAD_CREDENTIALS: { zh: '干警编号或密码不正确', en: 'Officer code or password is wrong' },
  LOCKED_OUT: { zh: '密码错误次数过多，该干警编号已暂时锁定', en: 'Too many wrong passwords: this officer code is locked for a while' },
  NOT_ENROLLED: { zh: '该干警尚未在本机登记', en: 'This officer is not enrolled on this workstation' },
  ENROLMENT_REFUSED: { zh: '登记码不正确、已使用或已过期', en: 'The enrolment code is wrong, used or expired' },
  ALREADY_ENROLLED: { zh: '该干警已在本机登记；更换密码须提供原密码', en: 'This officer is already enrolled here; changing the password needs the old one' },
  OFFICER_REMOVED: { zh: '该干警已不在查控网络的干警备案名单中，已撤销其在本机的登录权限', en: 'This officer is no longer in the network’s register; his access to this workstation was removed' },
  OFFICER_NOT_REGISTERED: { zh: '该干警未在查控系统备案', en: 'This officer is not registered with the network' },
  WEAK_PASSWORD: { zh: '密码太短，至少需要 8 位', en: 'The password is too short (at least 8 characters)' },
  KEY_STORAGE_REFUSED: { zh: '本机的系统密钥存储不安全，拒绝保存数据库密钥', en: 'The system key storage of this machine is not secure; the database key will not be stored in it' },
  STORE_LOCKED: { zh: '本地数据已锁定，请重新登录', en: 'The local store is locked; sign in again' },
  NOT_FOUND: { zh: '未找到', en: 'Not found' },
  CASE_EXISTS: { zh: '该案号已存在', en: 'A case with this number already exists' },
  NOT_A_DEBTOR: { zh: '只能查询本案被执行人', en: 'Only debtors of the case may be queried' },
  NETWORK_DOWN: { zh: '查控网络不可用，已显示本地缓存结果', en: 'The inquiry network is unreachable; cached results are shown' },
  GATEWAY_CERTIFICATE: { zh: '网关证书无法验证，未与网关通信：请联系系统管理员核对网关证书（gateway.json 的 caFile）', en: 'The gateway’s certificate could not be verified; nothing was sent: ask the administrator to check the gateway certificate (caFile in gateway.json)' },
  AGENCY_REJECTED: { zh: '协助执行单位拒绝了请求', en: 'The agency refused the request' },
  CASE_CLOSED: { zh: '案件已结案，不能再发起查控', en: 'The case is closed; no further inquiry or control' },
  GATEWAY_ERROR: { zh: '查控网关返回错误', en: 'The gateway answered with an error' },
  GATEWAY_GARBAGE: { zh: '查控网关返回了无法识别的内容', en: 'The gateway answered with something unreadable' },
  GATEWAY_TIMEOUT: { zh: '查控网关响应超时', en: 'The gateway did not answer in time' },
  DECISION_TAKEN: { zh: '这项决定已经提交过（另一窗口或重复点击），未再次发送', en: 'This decision was already submitted (another window or a second click); nothing was sent again' },
  BALANCE_CHECK_USED: { zh: '这次冻结余额查询已用于一笔扣划，请重新查询冻结余额', en: 'This frozen-balance check already authorised a deduction; query the frozen balance again' },
  FINDING_REQUIRED: { zh: '下落查询须先认定被执行人拒不履行并逃避执行或下落不明（记录事实与依据）', en: 'A whereabouts query needs the recorded finding that the debtor refuses and evades, or is missing' },
  NOT_SIGNABLE: { zh: '您的签名密钥尚未在查控网络登记，不能决定或审批措施；请联网后重新登录', en: 'Your signing key is not registered with the network; you cannot decide or approve measures until you sign in again online' },
  FORBIDDEN: { zh: '无权进行此项操作', en: 'This officer may not do this' },
  LISTING_REFUSED: { zh: '不符合纳入失信被执行人名单的条件', en: 'The debtor may not be put on the dishonest list' },
  RESTRICTION_REFUSED: { zh: '不符合限制消费的条件', en: 'The consumption restriction may not be taken this way' },
  FORBIDDEN_SENDER: { zh: '拒绝来自未授权页面的请求', en: 'Request from an unauthorised page refused' },
  UNKNOWN_CALL: { zh: '未知的操作', en: 'Unknown operation' },
  SHEET_TOO_LARGE: { zh: '文件太大，不能导入', en: 'The file is too large to import' },
  SHEET_UNREADABLE: { zh: '无法读取该文件：请选择 Excel（.xlsx）或 UTF-8 编码的 CSV 文件', en: 'The file cannot be read: choose an Excel (.xlsx) or a UTF-8 CSV file' },
  INTERNAL: { zh: '程序内部错误，操作未完成，数据未丢失', en: 'Internal error; the operation did not complete and no data was lost' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface AppError {
  code: ErrorCode;
  /** zh-CN wording for the judge */
  message: string;
  /** English wording */
  messageEn: string;
  /** precise reason, e.g. "第18位校验码应为 X" / "check digit should be X" */
  detail?: { zh: string; en: string };
  /** which input field is wrong, for forms */
  field?: string;
}

export function appError(code: ErrorCode, detail?: { zh: string; en: string }, field?: string): AppError {
  const m = ERRORS[code];
  const e: AppError = { code, message: m.zh, messageEn: m.en };
  if (detail) e.detail = detail;
  if (field) e.field = field;
  return e;
}

/** One line for the judge in the chosen language: message plus detail. */
export function describeError(e: AppError, lang: 'zh' | 'en' = 'zh'): string {
  const head = lang === 'zh' ? e.message : e.messageEn;
  const d = e.detail ? (lang === 'zh' ? e.detail.zh : e.detail.en) : '';
  return d ? (lang === 'zh' ? `${head}：${d}` : `${head}: ${d}`) : head;
}
