/**
 * 「导入Excel」 in the case list's toolbar: offered to the roles the matrix lets enter cases
 * (act case.enter, shared/authority/matrix.ts); the router checks again.
 */
import { useCallback, useState } from 'react';
import { permits } from '../../../../shared/authority/matrix';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { ImportCasesDialog } from './ImportCasesDialog.dom';

export function ImportCasesButton() {
  const { t } = useT();
  const role = useAppStore((s) => s.officer?.role);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  if (!role || !permits('case.enter', role, 'none').ok) return null;
  return (
    <>
      <button type="button" className="btn" data-testid="sheet-import-open" title={t.sheets.importButtonTitle} onClick={() => setOpen(true)}>
        {t.sheets.importButton}
      </button>
      {open && <ImportCasesDialog onClose={close} />}
    </>
  );
}
