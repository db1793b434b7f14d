/** One schema migration: its version (its place in the list) and what it does, in one transaction. */
import type { Db } from '../db';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
