import request from 'supertest';
import { pino } from 'pino';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/index';
import { createServices } from '../src/services/index';
import { createApp } from '../src/app';
import { systemClock } from '../src/domain/waktu';
import { BKPSDM_ID, PASSWORD, generate, manajer, pembaca } from './generate';

// A profile of each page on the province dataset: every query a page runs, with its plan's
// execution time (EXPLAIN ANALYZE) and the top plan node, slowest first. PostgreSQL only.
//   DATABASE_URL=postgres://…/postgres npx tsx bench/profile.ts          (a fresh bench database, dropped after)
//   BENCH_DB=postgres://…/bangkom_bench_… npx tsx bench/profile.ts       (an existing one)

async function main() {
  let url = process.env.BENCH_DB;
  let drop = async () => {};
  if (!url) {
    if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (the server) or BENCH_DB (a generated database)');
    const ds = await generate(process.env.DATABASE_URL, new Date());
    url = ds.url!;
    drop = ds.drop;
  }
  const db = await openDatabase({ url });
  try {
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), bcryptCost: 4 };
    const services = createServices({ db: db.knex, clock: systemClock, config });
    const app = createApp({
      config,
      db: db.knex,
      services,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      sessionSecret: 'profil-rahasia-panjang',
    });
    const nip = async (id: number) => (await db.knex('pegawai').where({ id }).first('nip'))!.nip as string;
    const login = async (id: number) => {
      const agent = request.agent(app);
      const page = await agent.get('/login');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const res = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, nip: await nip(id), password: PASSWORD });
      if (res.status !== 303) throw new Error(`login ${id}: ${res.status}`);
      return agent;
    };
    const tahun = Number(new Date().toISOString().slice(0, 4));
    const reader = pembaca()[0]!;
    const item = (await db.knex('rincian').where({ pegawai_id: reader, tahun }).orderBy('id').first('id'))!.id;
    const lap = (await db.knex('rincian').where({ pegawai_id: reader }).whereIn('status', ['berjalan', 'selesai']).first('id'))?.id;
    const [a, m, b] = [await login(reader), await login(manajer()[0]!), await login(BKPSDM_ID)];
    const pages: [string, ReturnType<typeof request.agent>, string][] = [
      ['dashboard', a, '/'],
      ['daftar', a, '/pengajuan'],
      ['daftar cari', a, '/pengajuan?q=kinerja'],
      ['detail', a, `/pengajuan/${item}`],
      ['form', a, `/pengajuan/baru/klasikal?tahun=${tahun + 1}`],
      ['laporan', a, '/laporan'],
      ['laporan detail', a, `/laporan/${lap}`],
      ['notifikasi', a, '/notifikasi'],
      ['rekomendasi', a, '/rekomendasi'],
      ['verifikasi', m, '/verifikasi'],
      ['bawahan', m, '/bawahan'],
      ['rekap', b, `/bkpsdm/rekap?tahun=${tahun}`],
      ['rekap.xlsx', b, `/bkpsdm/rekap.xlsx?tahun=${tahun}`],
    ];
    for (const [nama, agent, path] of pages) {
      await agent.get(path); // warm
      const qs: { sql: string; bindings: unknown[] }[] = [];
      const on = (q: { sql: string; bindings?: unknown[] }) => qs.push({ sql: q.sql, bindings: q.bindings ?? [] });
      db.knex.on('query', on);
      const t0 = performance.now();
      const res = await agent.get(path);
      const ms = performance.now() - t0;
      db.knex.off('query', on);
      console.log(`\n## ${nama} ${path}: HTTP ${res.status}, ${ms.toFixed(0)} ms in-process, ${qs.length} queries`);
      const plans: { ms: number; top: string; sql: string }[] = [];
      for (const q of qs) {
        if (!/^\s*(select|with)/i.test(q.sql)) {
          plans.push({ ms: 0, top: '(write, not explained)', sql: q.sql });
          continue;
        }
        const r = await db.knex.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as never[]);
        const plan = r.rows[0]['QUERY PLAN'][0];
        const nodes: string[] = [];
        const walk = (n: Record<string, unknown>) => {
          if (/Seq Scan/.test(String(n['Node Type'])) && Number(n['Actual Rows']) * Number(n['Actual Loops'] ?? 1) > 1000)
            nodes.push(`Seq Scan ${n['Relation Name']} (${n['Actual Rows']} rows × ${n['Actual Loops']})`);
          for (const c of (n.Plans as Record<string, unknown>[]) ?? []) walk(c);
        };
        walk(plan.Plan);
        plans.push({ ms: plan['Execution Time'], top: nodes.join(', ') || String(plan.Plan['Node Type']), sql: q.sql });
      }
      for (const p of plans.sort((x, y) => y.ms - x.ms))
        console.log(`  ${p.ms.toFixed(2).padStart(8)} ms  ${p.top}\n             ${p.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
  } finally {
    await db.close();
    await drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
