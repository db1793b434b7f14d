/**
 * Bureau settings that govern measures, typed and with defaults: a key never written reads as its
 * default. Every change is validated, stored with who made it, and audited (a changed receiving
 * account or approval threshold decides where money goes and who must agree).
 */
import { AppFailure } from '../../shared/app-failure';
import type { BureauSettings, CourtAccount } from '../../shared/domain/measure-views';
import { isFen } from '../../shared/money';
import { MAX_ALLOWANCE_MONTHS } from '../../shared/rules/exempt';
import type { AuditLog } from './audit';
import type { Clock } from './clock';
import type { Connection } from './connection';
import type { Db } from './db';

export type { BureauSettings, CourtAccount };
/** The settings that govern measures: exactly what the settings panel shows (BureauSettings). */
export type MeasureSettings = BureauSettings;

export const DEFAULT_SETTINGS: Readonly<MeasureSettings> = Object.freeze({
  approvalThreshold: 10_000_000, // ¥100,000
  reminderDays: [30, 7, 1],
  courtAccounts: [],
  // ¥900 a month, in the range of Guizhou's urban minimum-living standards; set the local figure
  exemptLivingAllowance: 90_000,
  // months of living costs left: one, until the bureau sets its own practice
  exemptLivingMonths: 1,
  balanceMaxAgeMinutes: 10,
  // 失信名单信息规定 第十条: three working days, unless the bureau keeps a shorter one
  creditRemovalWorkingDays: 3,
});

export type SettingKey = keyof MeasureSettings;
const KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

function invalid(key: SettingKey, zh: string, en: string): never {
  throw new AppFailure('VALIDATION', { zh: `${key}：${zh}`, en: `${key}: ${en}` }, key);
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Checks and normalises a value for its key; throws AppFailure('VALIDATION'). */
export function validateSetting<K extends SettingKey>(key: K, value: unknown): MeasureSettings[K] {
  switch (key) {
    case 'approvalThreshold':
    case 'exemptLivingAllowance':
      if (!isFen(value) || value < 0) invalid(key, '应为不小于 0 的整数（分）', 'must be integer fen, not negative');
      return value as MeasureSettings[K];
    case 'reminderDays': {
      if (!Array.isArray(value) || !value.every((d) => Number.isInteger(d) && d >= 0 && d <= 365)) {
        invalid(key, '应为 0 至 365 之间的整数天数', 'must be whole days between 0 and 365');
      }
      const days = [...new Set(value as number[])].sort((a, b) => b - a);
      return days as MeasureSettings[K];
    }
    case 'courtAccounts': {
      if (!Array.isArray(value) || !value.every((a) => a && typeof a === 'object'
        && nonEmpty((a as CourtAccount).id) && nonEmpty((a as CourtAccount).name)
        && nonEmpty((a as CourtAccount).bank) && nonEmpty((a as CourtAccount).accountNo))) {
        invalid(key, '每个账户须有编号、户名、开户行和账号', 'each account needs an id, a holder, a bank and an account number');
      }
      const accounts = (value as CourtAccount[]).map((a) => ({
        id: a.id.trim(), bank: a.bank.trim(), accountNo: a.accountNo.replace(/\s+/g, ''), name: a.name.trim(),
      }));
      if (new Set(accounts.map((a) => a.id)).size !== accounts.length) invalid(key, '账户编号重复', 'account ids must be unique');
      return accounts as MeasureSettings[K];
    }
    case 'exemptLivingMonths':
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_ALLOWANCE_MONTHS) {
        invalid(key, `应为 1 至 ${MAX_ALLOWANCE_MONTHS} 个月`, `must be between 1 and ${MAX_ALLOWANCE_MONTHS} months`);
      }
      return value as MeasureSettings[K];
    case 'balanceMaxAgeMinutes':
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 1440) {
        invalid(key, '应为 1 至 1440 分钟', 'must be between 1 and 1440 minutes');
      }
      return value as MeasureSettings[K];
    case 'creditRemovalWorkingDays':
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 15) {
        invalid(key, '应为 1 至 15 个工作日', 'must be between 1 and 15 working days');
      }
      return value as MeasureSettings[K];
    default:
      throw new AppFailure('VALIDATION', { zh: `未知设置 ${String(key)}`, en: `unknown setting ${String(key)}` });
  }
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class SettingsRepo {
  constructor(
    private readonly conn: Connection,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  private get db(): Db {
    return this.conn.db;
  }

  get<K extends SettingKey>(key: K): MeasureSettings[K] {
    const raw = this.db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(key);
    return raw === undefined ? clone(DEFAULT_SETTINGS[key]) : (JSON.parse(raw) as MeasureSettings[K]);
  }

  all(): MeasureSettings {
    return Object.fromEntries(KEYS.map((k) => [k, this.get(k)])) as unknown as MeasureSettings;
  }

  /** Validates, stores and audits one setting; returns the value as stored. */
  set<K extends SettingKey>(key: K, value: MeasureSettings[K], by: string): MeasureSettings[K] {
    return this.update({ [key]: value } as Partial<MeasureSettings>, by)[key];
  }

  /** Several settings at once, all or none, one audit entry each. */
  update(patch: Partial<MeasureSettings>, by: string): MeasureSettings {
    if (!nonEmpty(by)) throw new AppFailure('VALIDATION', { zh: '缺少操作人', en: 'who changes the setting is missing' }, 'by');
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [SettingKey, unknown][];
    const checked = entries.map(([k, v]) => [k, validateSetting(k, v)] as const);
    this.db.transaction(() => {
      const now = this.clock().toISOString();
      for (const [key, value] of checked) {
        const before = this.get(key);
        this.db.prepare(
          `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        ).run(key, JSON.stringify(value), now, by);
        this.audit.append({ officer: by, action: 'settings.update', detail: { key, from: before, to: value } });
      }
    }).immediate();
    return this.all();
  }

  /** Back to the program's default (audited). */
  reset(key: SettingKey, by: string): MeasureSettings[SettingKey] {
    this.db.transaction(() => {
      const r = this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
      if (r.changes) this.audit.append({ officer: by, action: 'settings.reset', detail: { key } });
    }).immediate();
    return this.get(key);
  }

  /** Who last changed a setting, and when; undefined while it has its default. */
  changedBy(key: SettingKey): { by: string; at: string } | undefined {
    const r = this.db.prepare<[string], { updated_by: string; updated_at: string }>('SELECT updated_by, updated_at FROM settings WHERE key = ?').get(key);
    return r ? { by: r.updated_by, at: r.updated_at } : undefined;
  }
}
