/** Thrown inside main's services; the router turns it into `{ok:false,error}`. */
import { appError, type AppError, type ErrorCode } from './errors';

export class AppFailure extends Error {
  readonly error: AppError;
  constructor(codeOrError: ErrorCode | AppError, detail?: { zh: string; en: string }, field?: string) {
    const e = typeof codeOrError === 'string' ? appError(codeOrError, detail, field) : codeOrError;
    super(`${e.code}: ${e.messageEn}${e.detail ? ` (${e.detail.en})` : ''}`);
    this.error = e;
  }
}
