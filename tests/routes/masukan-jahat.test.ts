import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonim, createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { buatRincian } from '../helpers/data';

// Hostile input: every form the app renders is found on its page and posted with garbage in
// every field. The answer must be a 4xx, never a 500, and nothing in the database may change.

const SAMPAH: Record<string, unknown> = {
  sql: "1'; DROP TABLE pegawai; --",
  html: '<script>alert(1)</script><img src=x onerror=alert(1)>',
  panjang: 'x'.repeat(20_000),
  kontrol: 'a\u0000b\u0001\u001b[31m',
  lebarPenuh: '１２３４５',
  larik: ['1', '2'],
  angkaRaksasa: '9'.repeat(400),
  eksponen: '1e308',
  negatif: '-1',
};

const TABEL = [
  'pegawai',
  'instansi',
  'periode',
  'periode_riwayat',
  'pengajuan',
  'rincian',
  'riwayat_status',
  'laporan',
  'rekomendasi',
  'plt',
  'pengaturan',
  'sumber_dana',
  'bentuk_pengembangan',
  'jenis_jabatan',
  'kompetensi',
  'kompetensi_level',
  'email_outbox',
  'reset_password',
  'audit_log',
];

let t: TestApp;
const agen: Record<string, Agent> = {};
let halaman: [string, string][] = [];

// The content of every table in one query: 'tabel:md5 tabel:md5 …'.
const SIDIK_JARI = [
  ...TABEL.map((tabel) => `SELECT '${tabel}:' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${tabel} x`),
  "SELECT 'berkas:' || count(*) FROM berkas",
].join(' UNION ALL ');

async function sidikJari(): Promise<string> {
  const r = await t.knex.raw(SIDIK_JARI);
  return (r.rows as { h: string }[]).map((x) => x.h).join(' ');
}

interface Form {
  action: string;
  multipart: boolean;
  fields: string[];
  files: string[];
}

function formulir(html: string, asal: string): Form[] {
  const out: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = (/action="([^"]*)"/.exec(attrs)?.[1] ?? asal).replace(/&amp;/g, '&');
    const fields = new Set<string>();
    const files = new Set<string>();
    for (const f of m[2]!.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(f[2]!)?.[1];
      if (!name || name === '_csrf') continue;
      if (/type="file"/.test(f[2]!)) files.add(name);
      else fields.add(name.replace(/&#34;|&quot;/g, '"'));
    }
    if (fields.size + files.size === 0) continue; // plain action buttons: covered by the authorization matrix
    out.push({ action, multipart: /multipart\/form-data/.test(attrs), fields: [...fields], files: [...files] });
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  const k = t.knex;
  const konsep = await buatRincian(k, { nip: NIP.andi, tahun: 2027 });
  const dikirim = await buatRincian(k, { nip: NIP.andi, tahun: 2027, status: 'dikirim' });
  const diterima = await buatRincian(k, { nip: NIP.andi, tahun: 2027, status: 'diterima' });
  const berjalan = await buatRincian(k, {
    nip: NIP.andi,
    tahun: 2026,
    status: 'berjalan',
    tanggal_mulai: '2026-11-01',
    tanggal_selesai: '2026-11-20',
  });
  const andi = await idPegawai(k, NIP.andi);
  const rekKonsep = (await k('rekomendasi').where({ pegawai_id: andi, status: 'konsep' }).first('id'))!.id;
  const rekTerkirim = (await k('rekomendasi').where({ pegawai_id: andi, status: 'terkirim' }).first('id'))!.id;
  agen.anonim = await anonim(t.app);
  agen.andi = await masuk(t.app, NIP.andi);
  agen.sari = await masuk(t.app, NIP.sari);
  agen.hendra = await masuk(t.app, NIP.hendra);
  agen.maya = await masuk(t.app, NIP.maya);
  halaman = [
    ['anonim', '/login'],
    ['anonim', '/lupa-password'],
    ['andi', '/akun/password'],
    ['andi', '/pengajuan/baru/klasikal?tahun=2027'],
    ['andi', '/pengajuan/baru/tugas-belajar?tahun=2027'],
    ['andi', `/pengajuan/${konsep}/edit`],
    ['andi', '/pengajuan/rencana/2027'],
    ['andi', `/pengajuan/${diterima}/mulai?ya=1`],
    ['andi', `/laporan/${berjalan}`],
    ['andi', '/rekomendasi/baru?jalur=klasikal'],
    ['andi', `/rekomendasi/${rekKonsep}/edit`],
    ['sari', `/verifikasi/${dikirim}`],
    ['sari', '/verifikasi'],
    ['hendra', '/bkpsdm/periode'],
    ['hendra', '/bkpsdm/plt'],
    ['hendra', `/bkpsdm/rekomendasi/${rekTerkirim}`],
    ['maya', '/admin/pegawai/baru'],
    ['maya', `/admin/pegawai/${andi}`],
    ['maya', '/admin/pegawai/import'],
    ['maya', '/admin/master/sumber-dana'],
    ['maya', '/admin/master/instansi'],
    ['maya', '/admin/master/surat'],
  ];
});
afterAll(() => t.close());

describe('hostile input', () => {
  it('is refused with a 4xx by every form, and nothing changes', { timeout: 300_000 }, async () => {
    const salah: string[] = [];
    let jumlahForm = 0;
    let jumlahKiriman = 0;
    for (const [siapa, url] of halaman) {
      const a = agen[siapa]!;
      const page = await a.get(url);
      expect(page.status, url).toBe(200);
      for (const f of formulir(page.text, url)) {
        jumlahForm++;
        // taken once per form: a post that changes nothing leaves it valid for the next
        let sebelum = await sidikJari();
        const kiriman: { jenis: string; nilai: unknown; multipart: boolean }[] = Object.entries({ ...SAMPAH, kosong: undefined }).map(
          ([jenis, nilai]) => ({
            jenis,
            nilai,
            multipart: f.multipart,
          }),
        );
        // a form that takes no file, posted as multipart: the same refusals through the other parser
        if (!f.multipart)
          for (const jenis of ['kontrol', 'larik', 'html', 'angkaRaksasa', 'kosong'])
            kiriman.push({ jenis: `${jenis}, multipart`, nilai: SAMPAH[jenis], multipart: true });
        for (const { jenis, nilai, multipart } of kiriman) {
          let req = a.post(f.action);
          if (multipart) {
            req = req.field('_csrf', a.csrf);
            if (nilai !== undefined)
              for (const n of f.fields) for (const v of Array.isArray(nilai) ? nilai : [nilai]) req = req.field(n, String(v));
            for (const n of f.files)
              req = req.attach(n, Buffer.from(`bukan pdf ${jenis}`), { filename: 'x.pdf', contentType: 'application/pdf' });
          } else {
            const body: Record<string, unknown> = { _csrf: a.csrf };
            if (nilai !== undefined) for (const n of f.fields) body[n] = nilai;
            req = req.type('form').send(body);
          }
          const res = await req;
          jumlahKiriman++;
          const sesudah = await sidikJari();
          if (res.status < 400 || res.status >= 500) salah.push(`${url} → ${f.action} [${jenis}]: ${res.status}`);
          if (sesudah !== sebelum) {
            const beda = sesudah
              .split(' ')
              .filter((p) => !sebelum.split(' ').includes(p))
              .map((p) => p.split(':')[0]);
            salah.push(`${url} → ${f.action} [${jenis}]: changed ${beda.join(', ')}`);
            sebelum = sesudah;
          }
        }
      }
    }
    console.log(`hostile input: ${jumlahForm} forms, ${jumlahKiriman} posts`);
    expect(salah).toEqual([]);
  });
});
