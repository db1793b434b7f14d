/**
 * The signed evidence package of a case (docs/audit.md, "The evidence package"): the officer
 * confirms with his password, which opens his own signing key (docs/keys.md); the package is
 * written to the export folder and the export is an audit entry `evidence.exported` with the
 * case, the officer and the file's SHA-256 — never its content.
 */
import path from 'node:path';
import { LEGAL_BASIS } from '../../../shared/legal/basis';
import type { FeatureHandlers } from '../context';
import type { Deps } from '../deps';
import { buildEvidencePackage, writeEvidencePackage } from '../evidence';

/** where packages are written unless the deployment names a folder */
export function exportDirOf(d: Pick<Deps, 'exportDir' | 'vault'>): string {
  return d.exportDir ?? path.join(d.vault.dataDir, 'exports');
}

export function evidenceHandlers(d: Deps): FeatureHandlers<'evidence'> {
  return {
    export: async ({ pin }, { store, officer, case: c }) => {
      const keys = await d.vault.openKeys(officer.code, pin);
      const pkg = buildEvidencePackage(store, keys, officer, c, d.now());
      const saved = writeEvidencePackage(exportDirOf(d), pkg);
      const receipt = pkg.parts.checkpoint.receipt?.receipt;
      store.audit.append({
        officer: officer.code, action: 'evidence.exported', caseId: c.id, caseNumber: c.number, legalBasis: LEGAL_BASIS.caseRead,
        detail: {
          file: saved.fileName, sha256: saved.sha256, bytes: saved.bytes, keyId: pkg.manifest.signer.keyId,
          auditThrough: pkg.parts.audit.through, ...(receipt ? { anchoredThrough: receipt.seq } : {}),
        },
      });
      return {
        path: saved.path, fileName: saved.fileName, sha256: saved.sha256, bytes: saved.bytes,
        auditThrough: pkg.parts.audit.through, ...(receipt ? { anchoredThrough: receipt.seq } : {}),
      };
    },
  };
}
