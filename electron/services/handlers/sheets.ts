/**
 * IPC group `sheets` (docs/sheets.md): a case list from Excel or CSV checked, then imported all or
 * nothing as filings entered by hand (act case.enter), and lists exported to Excel (act case.read),
 * each export audited. The router has checked the role and, for a case's list, the access to it.
 */
import { AppFailure } from '../../../shared/app-failure';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { exportAlerts, exportAssets, exportCases, exportMeasures } from '../sheets/export-lists';
import { checkCaseFile, importCaseFile } from '../sheets/import-cases';

export function sheetHandlers(d: Deps): FeatureHandlers<'sheets'> {
  return {
    checkCases: async (f, { store }) => (await checkCaseFile(d, store, f)).report,
    importCases: (f, { store, officer }) => {
      if (!store.isOpen) throw new AppFailure('STORE_LOCKED');
      return importCaseFile(d, store, officer, f);
    },
    exportCases: (q, s) => exportCases(d, s, q),
    exportAssets: (_input, s) => exportAssets(d, s, s.case),
    exportMeasures: (_input, s) => exportMeasures(d, s, s.case),
    exportAlerts: ({ states }, s) => exportAlerts(d, s, states),
  };
}
