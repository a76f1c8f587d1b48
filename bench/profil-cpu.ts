import fs from 'node:fs';
import path from 'node:path';

// What bounds a page: the app's CPU profile (node --cpu-prof, V8's sampling profiler) summed by
// function (self time: the top frames of a flame graph) and by where the code comes from (the app,
// each npm package, Node's internals, the garbage collector, idle).

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profil {
  startTime: number;
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: 'app src/…', an npm package, 'node:…', or V8's own (GC, idle, program). */
function asal(url: string, fungsi: string): string {
  if (!url) return fungsi.startsWith('(') ? fungsi : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return 'node (internals)';
  if (/\/dist\/server\.js$/.test(url)) return 'app (dist/server.js)';
  return path.basename(url);
}

export interface RingkasanProfil {
  total_ms: number;
  /** share of the sampled time, idle excluded */
  per_asal: { asal: string; persen: number }[];
  fungsi_teratas: { fungsi: string; asal: string; persen: number }[];
}

/** Now on the profiler's clock (microseconds of the monotonic clock), to mark when a scenario ran. */
export const saatProfil = () => Number(process.hrtime.bigint() / 1000n);

/**
 * The profiles written to `dir`, summed: the busy time by origin and the top frames by self time.
 * `jendela`: only the samples taken within those spans (the scenarios), not the start-up, the logins
 * or the exports built while the app was idle between them.
 */
export function ringkasProfil(
  dir: string,
  jendela: readonly (readonly [number, number, ...unknown[]])[] = [],
  teratas = 25,
): RingkasanProfil | null {
  // the main thread's (CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile): the worker that builds exports has its own
  const berkas = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.0\.\d+\.cpuprofile$/.test(f)) : [];
  if (!berkas.length) return null;
  const perFungsi = new Map<string, { fungsi: string; asal: string; us: number }>();
  const perAsal = new Map<string, number>();
  let sibuk = 0;
  for (const f of berkas) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Profil;
    const node = new Map(p.nodes.map((n) => [n.id, n]));
    let saat = p.startTime;
    p.samples.forEach((id, i) => {
      const n = node.get(id);
      const us = p.timeDeltas[i] ?? 0;
      saat += us;
      if (jendela.length && !jendela.some(([a, b]) => saat >= a && saat <= b)) return;
      if (!n || n.callFrame.functionName === '(idle)') return;
      const { functionName, url, lineNumber } = n.callFrame;
      const a = asal(url, functionName);
      const kunci = `${functionName}|${url}|${lineNumber}`;
      const ada = perFungsi.get(kunci) ?? {
        fungsi: `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim(),
        asal: a,
        us: 0,
      };
      ada.us += us;
      perFungsi.set(kunci, ada);
      perAsal.set(a, (perAsal.get(a) ?? 0) + us);
      sibuk += us;
    });
  }
  const persen = (us: number) => Math.round((us / sibuk) * 1000) / 10;
  return {
    total_ms: Math.round(sibuk / 1000),
    per_asal: [...perAsal]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([a, us]) => ({ asal: a, persen: persen(us) })),
    fungsi_teratas: [...perFungsi.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, teratas)
      .map((f) => ({ fungsi: f.fungsi, asal: f.asal, persen: persen(f.us) })),
  };
}

export function cetakProfil(r: RingkasanProfil): string {
  return [
    `CPU profile of the app: ${r.total_ms} ms busy (idle excluded)`,
    'by origin: ' + r.per_asal.map((a) => `${a.asal} ${a.persen}%`).join(', '),
    'top frames by self time:',
    ...r.fungsi_teratas.map((f) => `  ${String(f.persen).padStart(5)}%  ${f.fungsi}  [${f.asal}]`),
  ].join('\n');
}
