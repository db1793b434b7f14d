/**
 * Layering, checked by a tool rather than by hope (docs/architecture.md §2):
 *
 *   shared/    imports nothing of ours outside shared/, no Node built-in, no Electron, no React;
 *   renderer/  imports shared/ only: never electron/, never a Node built-in, never 'electron';
 *   electron/  never imports renderer/;
 *   'electron' (the Electron API) is imported only in electron/main/ and electron/preload/.
 *
 * Specifiers are read with the TypeScript parser, so imports quoted in comments or strings do
 * not count, and every form counts: import, export … from, import x = require(), require(),
 * import(), and type-level import('…'). Type-only imports count too: a layer that needs another
 * layer's types has its types in the wrong place.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const LAYERS = ['shared', 'electron', 'renderer'] as const;
const THIN_ELECTRON_LAYER = ['electron/main/', 'electron/preload/'];

interface ImportRef {
  specifier: string | null; // null: a dynamic import or require whose specifier is computed
  line: number;
}

interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/** Every module specifier in a source file, with its 1-based line. */
function importsOf(file: string, source: string): ImportRef[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: ImportRef[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const add = (node: ts.Node | undefined, at: ts.Node) => {
    if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) found.push({ specifier: node.text, line: lineOf(node) });
    else found.push({ specifier: null, line: lineOf(at) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, node);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, node);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) add(node.arguments[0], node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const isNodeBuiltin = (s: string) => s.startsWith('node:') || builtinModules.includes(s) || builtinModules.includes(s.split('/')[0]!);
const isElectronApi = (s: string) => s === 'electron' || s.startsWith('electron/');
const isReact = (s: string) => /^react(-dom)?(\/|$)/.test(s);
const isRelative = (s: string) => s === '.' || s === '..' || s.startsWith('./') || s.startsWith('../');

/** Checks one file, named by its path from the repository root with forward slashes. */
function checkSource(file: string, source: string): Violation[] {
  const layer = file.split('/')[0];
  const out: Violation[] = [];
  for (const { specifier, line } of importsOf(file, source)) {
    const flag = (rule: string) => out.push({ file, line, specifier: specifier ?? '(computed)', rule });
    if (specifier === null) {
      if (layer === 'shared' || layer === 'renderer') flag('an import with a computed specifier cannot be checked; use a string literal');
      continue;
    }
    if (path.posix.isAbsolute(specifier) || /^[A-Za-z]:[\\/]/.test(specifier)) {
      flag('absolute import paths are not allowed; import relatively');
      continue;
    }
    if (isRelative(specifier)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const targetLayer = target.split('/')[0];
      if (layer === 'shared' && targetLayer !== 'shared') flag(`shared/ imports nothing outside shared/ (this reaches ${target})`);
      if (layer === 'renderer' && targetLayer === 'electron') flag('renderer/ must not import from electron/; go through the IPC contract in shared/');
      if (layer === 'electron' && targetLayer === 'renderer') flag('electron/ must not import from renderer/');
      continue;
    }
    if (isNodeBuiltin(specifier)) {
      if (layer === 'shared') flag('shared/ must not use Node built-ins: it runs in the renderer too');
      if (layer === 'renderer') flag('renderer/ must not use Node built-ins: it runs in a sandboxed page');
    }
    if (isElectronApi(specifier)) {
      if (layer === 'shared') flag('shared/ must not import electron');
      else if (layer === 'renderer') flag('renderer/ must not import electron; use the preload bridge');
      else if (layer === 'electron' && !THIN_ELECTRON_LAYER.some((p) => file.startsWith(p))) {
        flag('the Electron API stays in electron/main/ and electron/preload/; pass what you need in as a dependency');
      }
    }
    if (isReact(specifier) && layer === 'shared') flag('shared/ must not import React');
  }
  return out;
}

/** Source files (.ts, .tsx, .mts, .cts) under a layer, as repository-relative paths. */
function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) files.push(rel);
  }
  return files;
}

const format = (v: Violation) => `${v.file}:${v.line}: '${v.specifier}' — ${v.rule}`;
const check = (file: string, source: string) => checkSource(file, source).map(format);

describe('the layering checker', () => {
  it('finds every form of import, with its line', () => {
    const src = [
      "import a from 'a';", // 1
      "import 'side-effect';", // 2
      "import type { T } from 'types-only';", // 3
      "export { b } from 're-export';", // 4
      "export * from 'star';", // 5
      "import c = require('import-equals');", // 6
      "const d = require('cjs');", // 7
      "const e = await import('dynamic');", // 8
      "let f: import('type-level').F;", // 9
      'import {', // 10
      '  g,', // 11
      "} from 'multi-line';", // 12
      "const h = import(`template`);", // 13
    ].join('\n');
    expect(importsOf('x.ts', src)).toEqual([
      { specifier: 'a', line: 1 },
      { specifier: 'side-effect', line: 2 },
      { specifier: 'types-only', line: 3 },
      { specifier: 're-export', line: 4 },
      { specifier: 'star', line: 5 },
      { specifier: 'import-equals', line: 6 },
      { specifier: 'cjs', line: 7 },
      { specifier: 'dynamic', line: 8 },
      { specifier: 'type-level', line: 9 },
      { specifier: 'multi-line', line: 12 },
      { specifier: 'template', line: 13 },
    ]);
  });

  it('reads .tsx', () => {
    expect(importsOf('x.tsx', "import { useState } from 'react';\nexport const A = () => <div>{'x'}</div>;")).toEqual([
      { specifier: 'react', line: 1 },
    ]);
  });

  it('ignores imports that appear only in comments and strings', () => {
    const src = [
      "// import fs from 'fs';",
      "/* import { app } from 'electron'; */",
      "/** e.g. `require('node:crypto')` */",
      "const s = \"import x from '../electron/main'\";",
      "const t = `require('fs')`;",
    ].join('\n');
    expect(importsOf('shared/x.ts', src)).toEqual([]);
  });

  it('flags shared/ reaching outside shared/', () => {
    expect(check('shared/ids/x.ts', "import { a } from '../../electron/ipc/router';")).toEqual([
      "shared/ids/x.ts:1: '../../electron/ipc/router' — shared/ imports nothing outside shared/ (this reaches electron/ipc/router)",
    ]);
    expect(check('shared/x.ts', "\n\nimport t from '../resources/holidays/cn-holidays.json';")).toHaveLength(1);
    expect(check('shared/x.ts', "import t from '../renderer/app';")[0]).toMatch(/^shared\/x\.ts:1: /);
    expect(check('shared/x.ts', "import t from '../../elsewhere';")[0]).toContain('this reaches ../elsewhere');
  });

  it('flags Node built-ins, electron and React in shared/', () => {
    for (const s of ['fs', 'node:fs', 'fs/promises', 'path', 'crypto', 'node:crypto', 'os', 'child_process', 'node:test', 'buffer']) {
      expect(check('shared/x.ts', `import x from '${s}';`), s).toHaveLength(1);
    }
    expect(check('shared/x.ts', "import { app } from 'electron';")[0]).toContain('shared/ must not import electron');
    expect(check('shared/x.ts', "import { useState } from 'react';")[0]).toContain('React');
    expect(check('shared/x.ts', "import { createRoot } from 'react-dom/client';")[0]).toContain('React');
    expect(check('shared/x.ts', "const { readFileSync } = require('fs');")).toHaveLength(1);
    expect(check('shared/x.ts', "const m = await import('node:path');")).toHaveLength(1);
    expect(check('shared/x.ts', 'const m = await import(name);')[0]).toContain('computed specifier');
    expect(check('shared/x.ts', "import type { Buffer } from 'node:buffer';")).toHaveLength(1);
  });

  it('flags renderer/ importing electron/, Node built-ins or electron', () => {
    expect(check('renderer/pages/Case.tsx', "import { createRouter } from '../../electron/ipc/router';")[0]).toContain('renderer/ must not import from electron/');
    expect(check('renderer/app.tsx', "import type { Core } from '../electron/services/core';")).toHaveLength(1);
    expect(check('renderer/app.tsx', "import { ipcRenderer } from 'electron';")[0]).toContain('use the preload bridge');
    expect(check('renderer/app.tsx', "import path from 'path';")[0]).toContain('Node built-ins');
    expect(check('renderer/app.tsx', "import { readFile } from 'node:fs/promises';")).toHaveLength(1);
  });

  it('flags electron/ importing renderer/', () => {
    expect(check('electron/services/core.ts', "import { App } from '../../renderer/app';")[0]).toContain('electron/ must not import from renderer/');
  });

  it('flags the Electron API outside electron/main/ and electron/preload/', () => {
    expect(check('electron/services/keys.ts', "import { safeStorage } from 'electron';")[0]).toContain('stays in electron/main/ and electron/preload/');
    expect(check('electron/store/db.ts', "import type { App } from 'electron';")).toHaveLength(1);
    expect(check('electron/engine/x.ts', "const { app } = require('electron');")).toHaveLength(1);
    expect(check('electron/ipc/x.ts', "import { ipcMain } from 'electron/main';")).toHaveLength(1);
    expect(check('electron/mainframe/x.ts', "import { app } from 'electron';")).toHaveLength(1); // a prefix is not the folder
  });

  it('flags absolute paths', () => {
    expect(check('renderer/x.ts', "import a from '/work/main/electron/main/main';")[0]).toContain('absolute');
  });

  it('lets each layer import what it may', () => {
    expect(check('shared/ids/subject-id.ts', "import { parseCreditCode } from './credit-code';\nimport { ok } from '../result';")).toEqual([]);
    expect(check('shared/ipc/contract.ts', "import { z } from 'zod';")).toEqual([]);
    expect(check('renderer/app.tsx', "import { useState } from 'react';\nimport { parseYuan } from '../shared/money';\nimport { create } from 'zustand';")).toEqual([]);
    expect(check('electron/main/main.ts', "import { app } from 'electron';\nimport path from 'node:path';\nimport { startCore } from '../services/core';")).toEqual([]);
    expect(check('electron/preload/preload.ts', "import { contextBridge } from 'electron';\nimport { allCalls } from '../../shared/ipc/contract';")).toEqual([]);
    expect(check('electron/services/core.ts', "import fs from 'node:fs';\nimport { WebSocketServer } from 'ws';\nimport { ok } from '../../shared/result';")).toEqual([]);
    expect(check('electron/host/server.ts', "import { CONTENT_SECURITY_POLICY } from '../main/csp';\nconst m = await import(name);")).toEqual([]);
  });
});

describe('the source tree keeps its layers', () => {
  const files = LAYERS.flatMap((layer) => sourceFiles(layer));

  it('is found by the walk', () => {
    expect(files).toContain('shared/money.ts');
    expect(files).toContain('shared/ipc/contract.ts');
    expect(files.some((f) => f.startsWith('electron/'))).toBe(true);
  });

  it.each(LAYERS.map((l) => [l]))('%s/ imports only what it may', (layer) => {
    const violations = files
      .filter((f) => f.startsWith(`${layer}/`))
      .flatMap((f) => checkSource(f, fs.readFileSync(path.join(ROOT, f), 'utf8')))
      .map(format);
    expect(violations).toEqual([]);
  });
});
