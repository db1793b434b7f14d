/**
 * The document viewer: a ruling or notice laid out as it is printed (court, title, number,
 * addressee, body, terms table, signature, date and seal), from its structured content
 * (shared/documents DocumentModel). 打印 prints that page (the print style shows it alone). A copy
 * on disk holds the parties' personal data in plaintext, outside the encrypted store: 导出副本 says
 * so and asks first, then fetches the PDF through the audited documents.export and only then saves
 * it. No embedded PDF: the CSP allows no frames or objects. A document whose measure was refused
 * carries a 作废 stamp on the page (and so on the print) and its reason under the toolbar; its
 * exported copy is stamped by main.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DocumentVoid } from '../../../../shared/domain/measures';
import type { DocumentBlock, DocumentModel } from '../../../../shared/documents/model';
import { errorText } from '../../i18n/dict';
import { useAppStore } from '../../store';
import { useT } from '../../store/selectors';
import { downloadPdf, pdfFileName } from './pdf-download';
import { printPage } from '../../ui/print';
import { matches } from '../../ui/shortcuts';

export function DocumentViewer() {
  const { t, lang } = useT();
  const viewer = useAppStore((s) => s.docViewer);
  const close = useAppStore((s) => s.closeDocument);
  const exportDocument = useAppStore((s) => s.exportDocument);
  const [noDownload, setNoDownload] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
    setNoDownload(false);
    setConfirming(false);
    setExportError(null);
  }, [viewer?.documentId]);

  if (!viewer) return null;
  const doc = viewer.doc;

  const onKey = (e: KeyboardEvent) => {
    if (matches('dialog.close', e)) {
      e.preventDefault();
      // Esc withdraws the question first, then closes the viewer
      if (confirming) setConfirming(false);
      else close();
    }
  };

  const confirmExport = async () => {
    if (!doc) return;
    setExporting(true);
    setExportError(null);
    const r = await exportDocument(doc.ref.id);
    setExporting(false);
    setConfirming(false);
    if (!r.ok) {
      setExportError(errorText(r.error, lang));
      return;
    }
    setNoDownload(!downloadPdf(r.value.pdfBase64, pdfFileName(`${r.value.ref.type}${r.value.ref.number}`)));
  };

  return (
    <div className="overlay" onKeyDown={onKey}>
      <div className="dialog doc-dialog" role="dialog" aria-modal="true" aria-labelledby="doc-title" data-testid="doc-viewer">
        <div className="doc-toolbar">
          <span className="muted small">{doc ? `${doc.ref.type} · ${doc.ref.number}` : t.documents.title}</span>
          {doc?.ref.voided && (
            <span className="badge badge-void" data-testid="doc-voided-badge">
              {t.documents.voided}
            </span>
          )}
          <span className="toolbar-spacer" />
          {doc && doc.content && (
            <button type="button" className="btn" data-testid="doc-print" onClick={() => printPage(document.querySelector<HTMLElement>('[data-testid="doc-page"]'))}>
              {t.documents.print}
            </button>
          )}
          {doc && (
            <button type="button" className="btn btn-quiet" data-testid="doc-export" onClick={() => setConfirming(true)} disabled={exporting}>
              {t.documents.export}
            </button>
          )}
          <button type="button" className="btn btn-quiet" data-testid="doc-close" ref={closeRef} onClick={close}>
            {t.documents.close}
          </button>
        </div>
        {confirming && (
          <div className="notice notice-warn no-print" role="alertdialog" aria-labelledby="doc-export-warning" data-testid="doc-export-confirm">
            <p id="doc-export-warning">{t.documents.exportWarning}</p>
            <button type="button" className="btn btn-primary" data-testid="doc-export-ok" disabled={exporting} onClick={() => void confirmExport()}>
              {t.documents.exportConfirm}
            </button>
            <button type="button" className="btn btn-quiet" data-testid="doc-export-cancel" onClick={() => setConfirming(false)}>
              {t.documents.exportCancel}
            </button>
          </div>
        )}
        {exportError && (
          <p className="field-error" role="alert" data-testid="doc-export-error">
            {exportError}
          </p>
        )}
        {noDownload && <p className="field-error">{t.documents.noDownload}</p>}
        {doc?.ref.voided && (
          <p className="field-error" data-testid="doc-voided">
            {t.documents.voidedBecause}：{doc.ref.voided.reason}（{doc.ref.voided.at.slice(0, 16).replace('T', ' ')}）
          </p>
        )}
        {viewer.error ? (
          <p className="field-error" role="alert" data-testid="doc-error">
            {errorText(viewer.error, lang)}
          </p>
        ) : !doc ? (
          <p className="muted" role="status" data-testid="doc-loading">
            {t.documents.loading}
          </p>
        ) : doc.content ? (
          <DocumentPage model={doc.content} voided={doc.ref.voided} />
        ) : (
          <p className="muted">{doc.ref.number}</p>
        )}
        {doc && (
          <p className="muted small mono doc-sha" data-testid="doc-sha">
            {t.documents.sha} SHA-256 {doc.ref.sha256}
          </p>
        )}
      </div>
    </div>
  );
}

/** The page itself; also printable. */
export function DocumentPage({ model, voided }: { model: DocumentModel; voided?: DocumentVoid | undefined }) {
  return (
    <article className={`doc-page print-area${voided ? ' doc-voided' : ''}`} data-testid="doc-page" lang="zh-CN">
      {voided && (
        <div className="doc-void-stamp" data-testid="doc-void-stamp" aria-label={`作废：${voided.reason}`}>
          作废
        </div>
      )}
      <header className="doc-head">
        <div className="doc-court" data-testid="doc-court">
          {model.court}
        </div>
        <h1 className="doc-title" id="doc-title" data-testid="doc-title">
          {model.title}
        </h1>
        <div className="doc-number" data-testid="doc-number">
          {model.number}
        </div>
      </header>
      {model.addressee && (
        <p className="doc-addressee" data-testid="doc-addressee">
          {model.addressee}：
        </p>
      )}
      {model.blocks.map((b, i) => (
        <Block key={i} b={b} />
      ))}
    </article>
  );
}

function Block({ b }: { b: DocumentBlock }) {
  const { t } = useT();
  if (b.kind === 'paragraph') {
    return (
      <p className={`doc-p doc-p-${b.style}`} data-testid="doc-paragraph">
        {b.text}
      </p>
    );
  }
  if (b.kind === 'terms') {
    return (
      <table className="doc-terms" data-testid="doc-terms">
        {b.caption && <caption>{b.caption}</caption>}
        <tbody>
          {b.rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <div className="doc-signature" data-testid="doc-signature">
      {b.signatories.map((s, i) => (
        <div key={i} className="doc-signatory">
          <span>{s.title}</span>
          <span>{s.name}</span>
        </div>
      ))}
      {b.showCourt && <div className="doc-sign-court">{b.court}</div>}
      <div className="doc-date" data-testid="doc-date">
        {b.dateText}
        <span className="doc-seal" title={`${b.seal.court} ${b.seal.label}`}>
          {b.seal.court}
          <br />
          {t.documents.seal}
        </span>
      </div>
      {b.clerk && (
        <div className="doc-signatory doc-clerk">
          <span>{b.clerk.title}</span>
          <span>{b.clerk.name}</span>
        </div>
      )}
    </div>
  );
}
