import bcrypt from 'bcrypt';
import crypto from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { Knex } from 'knex';
import { kesenjanganKinerja, hitungSkj, prioritas } from '../src/domain/kesenjangan';
import { tahunWIB, tambahHari } from '../src/domain/waktu';
import { batasBaku, isTerbuka } from '../src/domain/periode';
import { tutupTahun } from '../src/data/rekap';
import type { TabelBaru } from '../src/data/tabel';

// The demo data of CONTRACT.md: accounts, units, periods and earlier years' items in every status.
// Loaded only into an empty database.

export const DEMO_PASSWORD = 'bangkom2026';

export const DEMO_PEGAWAI = [
  {
    nip: '197912122005011002',
    nama: 'Hendra Gunawan',
    instansi: 'bkpsdmd',
    peran: 'bkpsdm',
    atasan: null,
    jabatan: 'Kepala Bidang Pengembangan Kompetensi',
    jenis: 'administrator',
  },
  {
    nip: '198105102006042003',
    nama: 'Sari Wulandari',
    instansi: 'bkpsdmd',
    peran: 'pegawai',
    atasan: '197912122005011002',
    jabatan: 'Kepala Subbidang Pengembangan SDM',
    jenis: 'pengawas',
  },
  {
    nip: '199203142019031002',
    nama: 'Andi Pratama',
    instansi: 'bkpsdmd',
    peran: 'pegawai',
    atasan: '198105102006042003',
    jabatan: 'Analis Sumber Daya Manusia Aparatur',
    jenis: 'ahli-pertama',
  },
  {
    nip: '199507222020122011',
    nama: 'Dewi Lestari',
    instansi: 'bkpsdmd',
    peran: 'pegawai',
    atasan: '198105102006042003',
    jabatan: 'Pengelola Data Kepegawaian',
    jenis: 'pelaksana',
  },
  {
    nip: '198811252012011001',
    nama: 'Rudi Hartono',
    instansi: 'disdik',
    peran: 'pegawai',
    atasan: null,
    jabatan: 'Kepala Seksi Kurikulum SMA',
    jenis: 'pengawas',
  },
  {
    nip: '199612012022031004',
    nama: 'Fajar Nugroho',
    instansi: 'disdik',
    peran: 'pegawai',
    atasan: '198811252012011001',
    jabatan: 'Pengembang Teknologi Pembelajaran',
    jenis: 'ahli-pertama',
  },
  {
    nip: '198406062009022001',
    nama: 'Maya Sari',
    instansi: 'bkpsdmd',
    peran: 'admin',
    atasan: null,
    jabatan: 'Pranata Komputer Ahli Muda',
    jenis: 'ahli-muda',
  },
  {
    nip: '199010102015032001',
    nama: 'Lina Marlina',
    instansi: 'disdik',
    peran: 'operator',
    atasan: null,
    jabatan: 'Analis Kepegawaian Ahli Pertama',
    jenis: 'ahli-pertama',
  },
] as const;

const INSTANSI = [
  { kode: 'bkpsdmd', nama: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah', singkatan: 'BKPSDMD' },
  { kode: 'disdik', nama: 'Dinas Pendidikan', singkatan: 'Disdik' },
  { kode: 'dinkes', nama: 'Dinas Kesehatan', singkatan: 'Dinkes' },
  { kode: 'bappeda', nama: 'Badan Perencanaan Pembangunan Daerah', singkatan: 'Bappeda' },
  { kode: 'inspektorat', nama: 'Inspektorat', singkatan: 'Inspektorat', jabatan_pimpinan: 'Inspektur' },
];

interface ItemDemo {
  bentuk: string;
  jalur: 'klasikal' | 'non_klasikal';
  jp: number;
  bulan: number;
  materi: string;
  anggaran: number;
  lembaga: string;
  dana: string;
  alasan: string;
  status: 'konsep' | 'dikirim' | 'diterima' | 'ditolak' | 'berjalan' | 'selesai';
}

/** A small real PDF standing in for an uploaded letter. */
function suratContoh(judul: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margin: 60 });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.fontSize(14).text(judul, { align: 'center' }).moveDown().fontSize(11).text('Contoh dokumen untuk data demo Bangkom.');
    doc.end();
  });
}

export async function seedDemo(knex: Knex, now: Date, bcryptCost = 12): Promise<boolean> {
  const ada = await knex('pegawai').count<{ n: string }[]>('* as n');
  if (Number(ada[0]?.n ?? 0) > 0) return false;
  const hash = await bcrypt.hash(DEMO_PASSWORD, bcryptCost);
  const tahun = tahunWIB(now);

  await knex.transaction(async (trx) => {
    await trx('instansi').insert(INSTANSI);
    const instansi = new Map((await trx('instansi').select('id', 'kode')).map((r) => [r.kode as string, r.id as number]));
    const id = new Map<string, number>();
    for (const p of DEMO_PEGAWAI) {
      const [row] = await trx('pegawai')
        .insert({
          nip: p.nip,
          nama: p.nama,
          email: `${p.nama.split(' ')[0]!.toLowerCase()}@bangkom.example.go.id`,
          jabatan: p.jabatan,
          jenis_jabatan_kode: p.jenis,
          instansi_id: instansi.get(p.instansi)!,
          atasan_id: p.atasan ? id.get(p.atasan) : null,
          peran: p.peran,
          password_hash: hash,
        })
        .returning('id');
      id.set(p.nip, row!.id);
    }
    const hendra = id.get('197912122005011002')!;
    // There is always a year to plan: from 1 December next year's deadline (30 November) has
    // passed, so the year after next is opened too, as BKPSDM would.
    const tahunBerikut = isTerbuka({ tahun: tahun + 1, batas_pengajuan: batasBaku(tahun + 1) }, now) ? [tahun + 1] : [tahun + 1, tahun + 2];
    for (const t of [tahun - 1, tahun, ...tahunBerikut]) {
      await trx('periode').insert({ tahun: t, batas_pengajuan: batasBaku(t), diubah_oleh: hendra });
      await trx('periode_riwayat').insert({
        tahun: t,
        batas_lama: null,
        batas_baru: batasBaku(t),
        oleh: hendra,
        alasan: 'Periode dibuka',
        waktu: now,
      });
    }

    const kompetensi = await trx('kompetensi').select('kode', 'nama').orderBy('urutan');
    const standarRows = await trx('standar_kompetensi').select('jenis_jabatan_kode', 'kompetensi_kode', 'level');

    async function rencana(nip: string, t: number, jalur: 'klasikal' | 'non_klasikal', kinerja: number, items: ItemDemo[]) {
      const p = DEMO_PEGAWAI.find((d) => d.nip === nip)!;
      const pegawaiId = id.get(nip)!;
      const atasanId = p.atasan ? id.get(p.atasan)! : hendra;
      const standar = Object.fromEntries(
        standarRows.filter((s) => s.jenis_jabatan_kode === p.jenis).map((s) => [s.kompetensi_kode, s.level]),
      );
      const pilihan = Object.fromEntries(kompetensi.map((k, i) => [k.kode, Math.max(1, (standar[k.kode] ?? 1) - (i % 3 === 0 ? 1 : 0))]));
      const skj = hitungSkj(kompetensi, pilihan, standar);
      const band = kesenjanganKinerja(kinerja);
      const dibuat = new Date(Date.UTC(t - 1, 9, 15, 2));
      const [h] = await trx('pengajuan')
        .insert({
          pegawai_id: pegawaiId,
          tahun: t,
          jalur,
          jenis_jabatan_kode: p.jenis,
          email: `${p.nama.split(' ')[0]!.toLowerCase()}@bangkom.example.go.id`,
          penilaian_kinerja: kinerja,
          kesenjangan_kinerja: band,
          skj: JSON.stringify(skj),
          prioritas: prioritas(skj, band),
          created_at: dibuat,
        })
        .returning('id');
      for (const it of items) {
        const tanggal = `${t}-${String(it.bulan).padStart(2, '0')}-10`;
        const [r] = await trx('rincian')
          .insert({
            pengajuan_id: h!.id,
            pegawai_id: pegawaiId,
            tahun: t,
            jalur: it.jalur,
            bentuk_kode: it.bentuk,
            jp: it.jp,
            tanggal,
            materi: it.materi,
            anggaran: it.anggaran,
            lembaga: it.lembaga,
            sumber_dana_kode: it.dana,
            alasan: it.alasan,
            status: 'konsep',
            created_at: dibuat,
          })
          .returning('id');
        const rid = r!.id as number;
        const langkah: [string, string | null, string, number, string | null, Date][] = [['buat', null, 'konsep', pegawaiId, null, dibuat]];
        const kirim = new Date(dibuat.getTime() + 2 * 86400000);
        const putus = new Date(dibuat.getTime() + 5 * 86400000);
        const update: Record<string, unknown> = { status: it.status };
        if (it.status !== 'konsep') {
          langkah.push(['kirim', 'konsep', 'dikirim', pegawaiId, null, kirim]);
          update.dikirim_at = kirim;
        }
        if (['diterima', 'ditolak', 'berjalan', 'selesai'].includes(it.status)) {
          const tolak = it.status === 'ditolak';
          const alasan = tolak
            ? 'Materi belum sesuai kebutuhan unit; pilih pelatihan yang menutup kesenjangan kompetensi.'
            : 'Sesuai kebutuhan pengembangan kompetensi unit kerja.';
          langkah.push([tolak ? 'tolak' : 'terima', 'dikirim', tolak ? 'ditolak' : 'diterima', atasanId, alasan, putus]);
          Object.assign(update, { alasan_keputusan: alasan, diputuskan_oleh: atasanId, diputuskan_at: putus });
        }
        if (it.status === 'berjalan' || it.status === 'selesai') {
          const mulai = tanggal;
          const selesai = tambahHari(tanggal, 4);
          const dimulai = new Date(Date.UTC(t, it.bulan - 1, 10, 1));
          langkah.push(['mulai', 'diterima', 'berjalan', pegawaiId, null, dimulai]);
          Object.assign(update, {
            tanggal_mulai: mulai,
            tanggal_selesai: selesai,
            detail_materi: it.materi,
            tempat: it.lembaga,
            frekuensi_laporan: 'sekali',
            biaya_realisasi: it.anggaran,
            dimulai_at: dimulai,
          });
          if (it.status === 'selesai') {
            const akhir = new Date(Date.UTC(t, it.bulan - 1, 16, 3));
            langkah.push(['selesai', 'berjalan', 'selesai', pegawaiId, null, akhir]);
            update.selesai_at = akhir;
            await trx('laporan').insert({
              rincian_id: rid,
              tanggal: tambahHari(selesai, 1),
              jp: it.jp,
              dengan_sertifikat: true,
              nomor_sertifikat: `SERT/${t}/${String(rid).padStart(4, '0')}`,
              deskripsi: `Telah mengikuti ${it.materi}.`,
              akhir: true,
              dibuat_oleh: pegawaiId,
              created_at: akhir,
            });
          }
        }
        await trx('rincian').where({ id: rid }).update(update);
        await trx('riwayat_status').insert(
          langkah.map(([aksi, dari, ke, oleh, alasan, waktu]) => ({ rincian_id: rid, aksi, dari, ke, oleh, alasan, waktu })),
        );
      }
    }

    async function rekomendasi(
      nip: string,
      r: {
        jalur: 'klasikal' | 'non_klasikal';
        nama: string;
        jenis: string;
        lembaga: string;
        mulai: string;
        selesai: string;
        biaya: number;
        sumber: string;
      },
      status: 'konsep' | 'terkirim' | 'diterima' | 'ditolak',
    ) {
      const pegawaiId = id.get(nip)!;
      const berkas = async (judul: string) => {
        const isi = await suratContoh(judul);
        const [b] = await trx('berkas')
          .insert({
            nama: `${judul.toLowerCase().replace(/\s+/g, '-')}.pdf`,
            tipe: 'application/pdf',
            ukuran: isi.length,
            sha256: crypto.createHash('sha256').update(isi).digest('hex'),
            isi,
            diunggah_oleh: pegawaiId,
            created_at: now,
          })
          .returning('id');
        return b!.id as number;
      };
      const dibuat = new Date(now.getTime() - 20 * 86400000);
      const dikirim = new Date(now.getTime() - 18 * 86400000);
      const diputus = new Date(now.getTime() - 15 * 86400000);
      const row: TabelBaru['rekomendasi'] = {
        pegawai_id: pegawaiId,
        jalur: r.jalur,
        nama_pelatihan: r.nama,
        jenis_pelatihan: r.jenis,
        lembaga: r.lembaga,
        tanggal_mulai: r.mulai,
        tanggal_selesai: r.selesai,
        biaya: r.biaya,
        sumber_biaya: r.sumber,
        surat_usulan_id: await berkas('Surat Usulan'),
        surat_pemanggilan_id: await berkas('Surat Pemanggilan Peserta'),
        pernyataan: status !== 'konsep',
        status,
        created_at: dibuat,
        dikirim_at: status === 'konsep' ? null : dikirim,
      };
      const langkah: [string, string | null, string, number, string | null, Date][] = [['buat', null, 'konsep', pegawaiId, null, dibuat]];
      if (status !== 'konsep') langkah.push(['kirim', 'konsep', 'terkirim', pegawaiId, null, dikirim]);
      if (status === 'diterima' || status === 'ditolak') {
        const alasan =
          status === 'diterima'
            ? 'Sesuai rencana pengembangan kompetensi pegawai.'
            : 'Pelatihan serupa sudah diselenggarakan BKPSDMD tahun ini.';
        const [u] = await trx('nomor_surat_urut')
          .insert({ tahun, terakhir: 1 })
          .onConflict('tahun')
          .merge({ terakhir: trx.raw('nomor_surat_urut.terakhir + 1') })
          .returning('terakhir');
        Object.assign(row, {
          alasan_keputusan: alasan,
          diputuskan_oleh: hendra,
          diputuskan_at: diputus,
          nomor_surat: `800/${String(u!.terakhir).padStart(4, '0')}/BKPSDMD/${tahun}`,
          tanggal_surat: diputus.toISOString().slice(0, 10),
        });
        langkah.push([status === 'diterima' ? 'terima' : 'tolak', 'terkirim', status, hendra, alasan, diputus]);
      }
      const [k] = await trx('rekomendasi').insert(row).returning('id');
      await trx('riwayat_status').insert(
        langkah.map(([aksi, dari, ke, oleh, alasan, waktu]) => ({ rekomendasi_id: k!.id, aksi, dari, ke, oleh, alasan, waktu })),
      );
    }

    const andi = '199203142019031002';
    await rencana(andi, tahun - 1, 'klasikal', 84.5, [
      {
        bentuk: 'sosialisasi',
        jalur: 'klasikal',
        jp: 6,
        bulan: 5,
        materi: 'PP 30 Tahun 2019 tentang Penilaian Kinerja PNS',
        anggaran: 0,
        lembaga: 'BKPSDMD Prov. Kep. Bangka Belitung',
        dana: 'apbd',
        alasan: 'Memahami aturan penilaian kinerja yang baru.',
        status: 'selesai',
      },
      {
        bentuk: 'seminar',
        jalur: 'klasikal',
        jp: 4,
        bulan: 3,
        materi: 'Manajemen ASN menyambut era revolusi industri 4.0',
        anggaran: 750000,
        lembaga: 'LAN RI',
        dana: 'apbd',
        alasan: 'Menambah wawasan manajemen ASN.',
        status: 'selesai',
      },
    ]);
    await rencana(andi, tahun, 'klasikal', 88.25, [
      {
        bentuk: 'pelatihan-teknis',
        jalur: 'klasikal',
        jp: 40,
        bulan: 6,
        materi: 'Pembentukan Asesor Kompetensi',
        anggaran: 4500000,
        lembaga: 'BPSDM Kemendagri',
        dana: 'apbd',
        alasan: 'Dibutuhkan unit untuk uji kompetensi pegawai.',
        status: 'selesai',
      },
      {
        bentuk: 'e-learning',
        jalur: 'non_klasikal',
        jp: 20,
        bulan: 9,
        materi: 'Pengenalan bahasa pemrograman untuk aplikasi Android',
        anggaran: 2500000,
        lembaga: 'Intekno',
        dana: 'apbd',
        alasan: 'Meningkatkan kompetensi mengelola aplikasi SIMDIKLAT.',
        status: 'berjalan',
      },
      {
        bentuk: 'workshop',
        jalur: 'klasikal',
        jp: 10,
        bulan: 12,
        materi: 'Penyusunan Analisis Kebutuhan Pelatihan',
        anggaran: 1500000,
        lembaga: 'BKN Kantor Regional VII',
        dana: 'apbd',
        alasan: 'Menyusun AKP unit kerja.',
        status: 'diterima',
      },
      {
        bentuk: 'kursus',
        jalur: 'klasikal',
        jp: 30,
        bulan: 8,
        materi: 'Bahasa Inggris untuk korespondensi dinas',
        anggaran: 3000000,
        lembaga: 'Lembaga Bahasa Swasta',
        dana: 'mandiri',
        alasan: 'Korespondensi dengan mitra luar negeri.',
        status: 'ditolak',
      },
      {
        bentuk: 'bimbingan-teknis',
        jalur: 'klasikal',
        jp: 16,
        bulan: 12,
        materi: 'Bimbingan teknis SIASN',
        anggaran: 2000000,
        lembaga: 'BKN',
        dana: 'apbn',
        alasan: 'Pemutakhiran data kepegawaian.',
        status: 'dikirim',
      },
      {
        bentuk: 'seminar',
        jalur: 'klasikal',
        jp: 4,
        bulan: 12,
        materi: 'Seminar kepemimpinan ASN',
        anggaran: 500000,
        lembaga: 'LAN RI',
        dana: 'apbd',
        alasan: 'Persiapan pengembangan karier.',
        status: 'konsep',
      },
    ]);
    await rencana('199507222020122011', tahun, 'non_klasikal', 72, [
      {
        bentuk: 'coaching',
        jalur: 'non_klasikal',
        jp: 2,
        bulan: 12,
        materi: 'Coaching penyusunan program kerja subbidang',
        anggaran: 0,
        lembaga: 'BKPSDMD',
        dana: 'apbd',
        alasan: 'Menutup kesenjangan kinerja.',
        status: 'dikirim',
      },
      {
        bentuk: 'bimbingan-teknis',
        jalur: 'klasikal',
        jp: 24,
        bulan: 12,
        materi: 'Pengelolaan arsip kepegawaian digital',
        anggaran: 3500000,
        lembaga: 'ANRI',
        dana: 'apbd',
        alasan: 'Digitalisasi arsip kepegawaian.',
        status: 'dikirim',
      },
      {
        bentuk: 'sosialisasi',
        jalur: 'klasikal',
        jp: 4,
        bulan: 4,
        materi: 'Sosialisasi manajemen talenta',
        anggaran: 0,
        lembaga: 'BKPSDMD',
        dana: 'apbd',
        alasan: 'Memahami manajemen talenta.',
        status: 'selesai',
      },
    ]);
    await rencana('199612012022031004', tahun, 'klasikal', 93, [
      {
        bentuk: 'pelatihan-fungsional',
        jalur: 'klasikal',
        jp: 60,
        bulan: 12,
        materi: 'Pelatihan dasar fungsional Pengembang Teknologi Pembelajaran',
        anggaran: 6000000,
        lembaga: 'Pusdatin Kemendikbudristek',
        dana: 'apbn',
        alasan: 'Syarat jabatan fungsional.',
        status: 'dikirim',
      },
      {
        bentuk: 'workshop',
        jalur: 'klasikal',
        jp: 10,
        bulan: 7,
        materi: 'Workshop media pembelajaran interaktif',
        anggaran: 1200000,
        lembaga: 'LPMP',
        dana: 'apbd',
        alasan: 'Mendukung pembelajaran daring.',
        status: 'selesai',
      },
    ]);

    const bulanIni = now.toISOString().slice(0, 7);
    await rekomendasi(
      andi,
      {
        jalur: 'klasikal',
        nama: 'Pelatihan Asesor SDM Aparatur',
        jenis: 'Pembentukan Asesor Kompetensi',
        lembaga: 'BPSDM Kemendagri',
        mulai: `${tahun}-06-10`,
        selesai: `${tahun}-06-14`,
        biaya: 4500000,
        sumber: 'pd',
      },
      'diterima',
    );
    await rekomendasi(
      andi,
      {
        jalur: 'non_klasikal',
        nama: 'E-learning Manajemen ASN',
        jenis: 'Manajemen SDM Aparatur',
        lembaga: 'LAN RI',
        mulai: `${bulanIni}-20`,
        selesai: `${bulanIni}-25`,
        biaya: 0,
        sumber: 'tanpa_biaya',
      },
      'terkirim',
    );
    await rekomendasi(
      andi,
      {
        jalur: 'klasikal',
        nama: 'Workshop Analisis Jabatan',
        jenis: 'Analisis Jabatan dan Beban Kerja',
        lembaga: 'BKN Kantor Regional VII',
        mulai: `${tahun + 1}-02-02`,
        selesai: `${tahun + 1}-02-04`,
        biaya: 1500000,
        sumber: 'bkpsdm',
      },
      'konsep',
    );
    await rekomendasi(
      '199507222020122011',
      {
        jalur: 'klasikal',
        nama: 'Kursus Arsiparis',
        jenis: 'Pengelolaan Arsip Dinamis',
        lembaga: 'ANRI',
        mulai: `${tahun}-09-01`,
        selesai: `${tahun}-09-05`,
        biaya: 3500000,
        sumber: 'pd',
      },
      'ditolak',
    );

    // Last year has ended: its rekap and capaian count these employees from now on, whatever
    // is imported, moved or deactivated later (as the worker does on 1 January).
    await tutupTahun(trx, tahun, now);
  });
  return true;
}
