/** Display formatting shared by the screens. */
import { formatCstDateTime } from '../../../shared/dates';

/** A civil date stays as it is; an instant is shown as CST wall time. */
export function formatWhen(s: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : formatCstDateTime(s);
}
