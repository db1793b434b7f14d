import type { StateCreator } from 'zustand';
import type { SessionSlice } from './slices/session';
import type { CasesSlice } from './slices/cases';
import type { WorkspaceSlice } from './slices/workspace';
import type { QuerySlice } from './slices/query';
import type { NetworkSlice } from './slices/network';
import type { UiSlice } from './slices/ui';
import type { MeasuresSlice } from './slices/measures';
import type { DeductionSlice } from './slices/deduction';
import type { DeskSlice } from './slices/desk';
import type { DocumentsSlice } from './slices/documents';
import type { AuditSlice } from './slices/audit';
import type { SendingSlice } from './slices/sending';
import type { AlertsSlice } from './slices/alerts';
import type { JobsSlice } from './slices/jobs';
import type { BatchSlice } from './slices/batch';

export type AppState = SessionSlice & CasesSlice & WorkspaceSlice & QuerySlice & NetworkSlice & UiSlice
  & MeasuresSlice & DeductionSlice & DeskSlice & DocumentsSlice & AuditSlice & SendingSlice & AlertsSlice & JobsSlice & BatchSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
