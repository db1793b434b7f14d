import type { StateCreator } from 'zustand';
import type { SessionSlice } from './slices/session';
import type { CasesSlice } from './slices/cases';
import type { WorkspaceSlice } from './slices/workspace';
import type { QuerySlice } from './slices/query';
import type { NetworkSlice } from './slices/network';
import type { UiSlice } from './slices/ui';

export type AppState = SessionSlice & CasesSlice & WorkspaceSlice & QuerySlice & NetworkSlice & UiSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
