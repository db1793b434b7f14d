/** The document viewer: one ruling or notice at a time, fetched when opened, forgotten when closed. */
import type { AppError } from '../../../../shared/errors';
import type { CallOutput } from '../../../../shared/ipc/contract';
import { api } from '../api-holder';
import type { SliceCreator } from '../types';

export type LoadedDocument = CallOutput<'documents', 'get'>;

export interface DocumentsData {
  docViewer: { documentId: string; doc: LoadedDocument | null; error: AppError | null } | null;
}

export type ExportedDocument = CallOutput<'documents', 'export'>;

export interface DocumentsSlice extends DocumentsData {
  openDocument(documentId: string): Promise<void>;
  closeDocument(): void;
  /** an audited copy of the open document's PDF (documents.export); the caller saves it */
  exportDocument(documentId: string): Promise<{ ok: true; value: ExportedDocument } | { ok: false; error: AppError }>;
}

export const documentsInitial: DocumentsData = { docViewer: null };

export const createDocumentsSlice: SliceCreator<DocumentsSlice> = (set, get) => ({
  ...documentsInitial,

  async openDocument(documentId) {
    set({ docViewer: { documentId, doc: null, error: null } });
    const r = await api().documents.get({ documentId });
    if (get().docViewer?.documentId !== documentId) return;
    set({ docViewer: r.ok ? { documentId, doc: r.value, error: null } : { documentId, doc: null, error: r.error } });
  },

  closeDocument() {
    set({ docViewer: null });
  },

  exportDocument(documentId) {
    return api().documents.export({ documentId });
  },
});
