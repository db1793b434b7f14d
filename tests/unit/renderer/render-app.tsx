/** Renders the whole app against a fake Api, from a clean store and an empty UI database. */
import { act, cleanup, render, type RenderResult } from '@testing-library/react';
import { App } from '../../../renderer/src/App.dom';
import { bindApi, resetAppStore } from '../../../renderer/src/store';
import { clearUiDb } from '../../../renderer/src/db/ui-db';
import type { Connection } from '../../../renderer/src/api/connection';
import { createFakeApi, type FakeApi, type FakeOptions } from './fake-api';

export async function resetAll(): Promise<void> {
  cleanup();
  resetAppStore();
  await clearUiDb();
}

export function renderApp(opts: FakeOptions & { fake?: FakeApi; connection?: Connection } = {}): RenderResult & { fake: FakeApi } {
  const fake = opts.fake ?? createFakeApi(opts);
  bindApi(fake.api);
  const r = render(<App connection={opts.connection} />);
  return { ...r, fake };
}

/** Lets pending promises (fake calls, Dexie) settle inside act. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}
