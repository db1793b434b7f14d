/**
 * A date field that shows and takes 年-月-日 (YYYY-MM-DD) whatever the browser's locale — a native
 * date input would show 12/02/2027 on an English system. What the judge types in another common form
 * (2027/2/3, 2027年2月3日) becomes 2027-02-03 when he leaves the field or presses Enter; the error, in
 * the rule's wording, is given by the form that owns the value.
 */
import { useT } from '../store/selectors';
import { normalizeDateText } from './date-input';

export interface DateFieldProps {
  testId: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  id?: string;
  ariaLabel?: string;
  /** the rule's refusal, shown by the form; marks the field invalid */
  invalid?: boolean;
  describedBy?: string;
  className?: string;
  autoFocus?: boolean;
  /** earliest and latest day allowed, for the hint and for assistive technology */
  min?: string;
  max?: string;
}

export function DateField(p: DateFieldProps) {
  const { t } = useT();
  const settle = () => {
    const n = normalizeDateText(p.value);
    if (n !== p.value) p.onChange(n);
  };
  const leave = () => {
    settle();
    p.onBlur?.();
  };
  return (
    <input
      id={p.id}
      type="text"
      inputMode="numeric"
      className={`date-input${p.className ? ` ${p.className}` : ''}${p.invalid ? ' invalid' : ''}`}
      data-testid={p.testId}
      aria-label={p.ariaLabel}
      aria-invalid={p.invalid ? true : undefined}
      aria-describedby={p.describedBy}
      placeholder={t.dateField.placeholder}
      title={t.dateField.hint}
      maxLength={12}
      size={11}
      spellCheck={false}
      autoComplete="off"
      autoFocus={p.autoFocus}
      data-min={p.min}
      data-max={p.max}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      onBlur={leave}
      onKeyDown={(e) => {
        if (e.key === 'Enter') settle();
      }}
    />
  );
}
