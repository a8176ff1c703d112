import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['apps', 'libs', 'migrations'];

export interface TranspiledTree {
  /** Root of the JavaScript tree (inside the repository, under the ignored out/, so node_modules resolve). */
  readonly dir: string;
  /** The tsconfig the children's tsconfig-paths reads (TS_NODE_PROJECT): the @vpp/* aliases onto the tree. */
  readonly tsconfig: string;
  readonly files: number;
  remove(): void;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.int-spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * apps/, libs/ and migrations/ turned into CommonJS once, file by file, the way ts-node's
 * `--transpile-only` does it (ts.transpileModule with the repository's compiler options: no type
 * check, decorator metadata as far as one file tells). Six processes then load plain JavaScript
 * instead of each transpiling the same ~900 files on a shared 2-core machine; what runs is the
 * same code `npm run dev:<app>` runs.
 */
export function transpileTree(name: string): TranspiledTree {
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  if (configFile.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(configFile.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const compilerOptions: ts.CompilerOptions = { ...parsed.options, sourceMap: false, inlineSourceMap: true, inlineSources: false, incremental: false, declaration: false };
  const dir = join(ROOT, 'out', name);
  rmSync(dir, { recursive: true, force: true });
  let files = 0;
  for (const source of SOURCE_DIRS.flatMap((sub) => sourceFiles(join(ROOT, sub)))) {
    const out = join(dir, relative(ROOT, source)).replace(/\.ts$/, '.js');
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions, fileName: source });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
    files += 1;
  }
  const paths = (configFile.config as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
  const tsconfig = join(dir, 'tsconfig.json');
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { baseUrl: '.', paths } }, null, 2));
  return { dir, tsconfig, files, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
