/** Runs one credit call: busy while it runs, its refusal kept to show, the tab reloaded on success. */
import { useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { Result } from '../../../../shared/result';

export function useRun(onChange: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = async (call: () => Promise<Result<unknown>>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (r.ok) onChange();
    else setError(r.error);
    return r.ok;
  };
  return { busy, error, run };
}
