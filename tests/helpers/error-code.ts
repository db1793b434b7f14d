/** What a store call answers, as a test reads it: 'ok', or the code of what it threw (AppFailure's, or the error's own). */
export const code = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as { error?: { code?: string } }).error?.code ?? (e as { code?: string }).code ?? String(e);
  }
};
