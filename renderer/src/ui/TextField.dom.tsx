/** A labelled input with its error right below it, wired for screen readers and tests. */
import type { InputHTMLAttributes, Ref } from 'react';

export interface TextFieldProps {
  id: string;
  testId: string;
  label: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  error?: string | null;
  type?: 'text' | 'password';
  placeholder?: string;
  autoFocus?: boolean;
  autoComplete?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  className?: string;
  inputRef?: Ref<HTMLInputElement>;
  maxLength?: number;
}

export function TextField(p: TextFieldProps) {
  const errId = `${p.id}-error`;
  return (
    <div className={`field${p.className ? ` ${p.className}` : ''}${p.error ? ' field-invalid' : ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      <input
        id={p.id}
        ref={p.inputRef}
        data-testid={p.testId}
        type={p.type ?? 'text'}
        value={p.value}
        placeholder={p.placeholder}
        autoFocus={p.autoFocus}
        autoComplete={p.autoComplete ?? 'off'}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        spellCheck={false}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? errId : undefined}
        onChange={(e) => p.onChange(e.target.value)}
        onBlur={p.onBlur}
      />
      <FieldError id={errId} testId={`${p.testId}-error`} text={p.error} />
    </div>
  );
}

export function FieldError(p: { id: string; testId: string; text: string | null | undefined }) {
  if (!p.text) return null;
  return (
    <div className="field-error" id={p.id} data-testid={p.testId} aria-live="polite">
      {p.text}
    </div>
  );
}
