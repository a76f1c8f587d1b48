// Compiles the server to dist/ with esbuild: one ESM bundle, packages left in node_modules.
// `node scripts/build.mjs --if-stale` builds only when dist/ is missing or older than the source,
// so `npm start` on a fresh clone stays one command.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'server.js');
const SOURCES = ['src', 'migrations', 'seeds', 'package.json', 'package-lock.json'];

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((n) => newest(path.join(p, n))));
}

function stale() {
  if (!fs.existsSync(out)) return true;
  const built = fs.statSync(out).mtimeMs;
  return SOURCES.some((s) => fs.existsSync(path.join(root, s)) && newest(path.join(root, s)) > built);
}

if (!process.argv.includes('--if-stale') || stale()) {
  const started = Date.now();
  await build({
    entryPoints: [path.join(root, 'src/server.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`dist/server.js dibangun dalam ${Date.now() - started} ms`);
}
