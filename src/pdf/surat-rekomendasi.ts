import PDFDocument from 'pdfkit';
import { drawKop, type PengaturanKop } from './kop';
import { formatRupiah } from '../domain/angka';
import { formatTanggal } from '../domain/waktu';

// The decision letter of a rekomendasi, a surat dinas: kop, place and date, Nomor/Sifat/Lampiran/Hal,
// addressee, body, signature block, tembusan. Built only from stored data, so it is the same every time.

export interface DataSurat {
  nomor: string;
  /** 'YYYY-MM-DD' */
  tanggal: string;
  diterima: boolean;
  alasan: string;
  diputuskanAt: Date;
  pegawai: { nama: string; nip: string; jabatan: string | null; instansi: string };
  pelatihan: {
    nama: string;
    jenis: string;
    jalur: string;
    lembaga: string;
    mulai: string;
    selesai: string;
    biaya: number;
    sumberBiaya: 'pd' | 'bkpsdm' | 'tanpa_biaya';
  };
}

const FONT = 'Helvetica';
const TEBAL = 'Helvetica-Bold';
const UKURAN = 10.5;

export function pembebananBiaya(d: DataSurat): string {
  if (d.pelatihan.sumberBiaya === 'tanpa_biaya' || d.pelatihan.biaya === 0) return 'Tanpa biaya';
  const siapa =
    d.pelatihan.sumberBiaya === 'pd' ? `anggaran ${d.pegawai.instansi}` : 'anggaran Badan Kepegawaian dan Pengembangan SDM Daerah';
  return `${formatRupiah(d.pelatihan.biaya)}, dibebankan pada ${siapa}`;
}

export function buatSuratRekomendasi(d: DataSurat, s: PengaturanKop): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 36, left: 71, right: 57, bottom: 40 },
    info: {
      Title: `Surat ${d.nomor}`,
      Author: s['surat.badan'] ?? 'BKPSDMD',
      Subject: d.diterima ? 'Rekomendasi pengembangan kompetensi' : 'Penolakan rekomendasi pengembangan kompetensi',
      CreationDate: d.diputuskanAt,
      ModDate: d.diputuskanAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const selesai = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const kiri = doc.page.margins.left;
  const kanan = doc.page.width - doc.page.margins.right;
  const lebar = kanan - kiri;
  let y = drawKop(doc, s);

  // Place and date, right.
  doc.font(FONT).fontSize(UKURAN);
  doc.text(`${s['surat.kota'] ?? ''}, ${formatTanggal(d.tanggal)}`, kiri, y, { width: lebar, align: 'right' });
  y = doc.y + 6;

  // Nomor / Sifat / Lampiran / Hal.
  const hal = d.diterima ? 'Rekomendasi Mengikuti Pengembangan Kompetensi' : 'Jawaban atas Permohonan Rekomendasi Pengembangan Kompetensi';
  const kepala: [string, string][] = [
    ['Nomor', d.nomor],
    ['Sifat', s['surat.sifat'] ?? 'Biasa'],
    ['Lampiran', '-'],
    ['Hal', hal],
  ];
  const labelLebar = 60;
  for (const [label, nilai] of kepala) {
    doc.font(FONT).text(label, kiri, y, { width: labelLebar });
    doc.text(':', kiri + labelLebar, y);
    doc.font(label === 'Hal' ? TEBAL : FONT).text(nilai, kiri + labelLebar + 10, y, { width: 260 });
    y = doc.y + 1;
  }
  y += 10;

  // Addressee: the head of the employee's unit.
  doc.font(FONT).text('Yth.', kiri, y);
  doc.text(`Kepala ${d.pegawai.instansi}`, kiri + 26, y, { width: 300 });
  doc.text('di', kiri + 26, doc.y);
  doc.text(s['surat.kota'] ?? 'Tempat', kiri + 44, doc.y);
  y = doc.y + 12;

  // Body, indented like the addressee.
  const isiX = kiri + 26;
  const isiLebar = kanan - isiX;
  const paragraf = (teks: string) => {
    doc.font(FONT).fontSize(UKURAN).text(teks, isiX, y, { width: isiLebar, align: 'justify', indent: 24, lineGap: 1 });
    y = doc.y + 6;
  };
  const badan = s['surat.badan'] ? toTitle(s['surat.badan']) : 'BKPSDMD';
  paragraf(
    `Menindaklanjuti surat usulan Saudara perihal permohonan rekomendasi pengembangan kompetensi yang disampaikan melalui aplikasi Bangkom, ` +
      `bersama ini ${badan} ` +
      (d.diterima
        ? 'memberikan rekomendasi kepada pegawai berikut:'
        : 'menyampaikan jawaban atas permohonan rekomendasi bagi pegawai berikut:'),
  );
  tabel(doc, isiX + 24, isiLebar - 24, y, [
    ['Nama', d.pegawai.nama],
    ['NIP', d.pegawai.nip],
    ['Jabatan', d.pegawai.jabatan ?? '-'],
    ['Unit Kerja', d.pegawai.instansi],
  ]);
  y = doc.y + 6;
  paragraf('untuk mengikuti pengembangan kompetensi sebagai berikut:');
  tabel(doc, isiX + 24, isiLebar - 24, y, [
    ['Nama Pelatihan', d.pelatihan.nama],
    ['Jenis Pelatihan', d.pelatihan.jenis],
    ['Jalur', d.pelatihan.jalur],
    ['Penyelenggara', d.pelatihan.lembaga],
    [
      'Waktu Pelaksanaan',
      d.pelatihan.mulai === d.pelatihan.selesai
        ? formatTanggal(d.pelatihan.mulai)
        : `${formatTanggal(d.pelatihan.mulai)} s.d. ${formatTanggal(d.pelatihan.selesai)}`,
    ],
    ['Biaya', pembebananBiaya(d)],
  ]);
  y = doc.y + 6;
  if (d.diterima) {
    paragraf(
      `Permohonan tersebut DISETUJUI dengan pertimbangan: ${d.alasan} Setelah selesai mengikuti kegiatan, ` +
        'yang bersangkutan wajib menyampaikan laporan beserta sertifikat melalui menu Laporan aplikasi Bangkom.',
    );
  } else {
    paragraf(`Permohonan tersebut DITOLAK dengan alasan: ${d.alasan}`);
  }
  paragraf('Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.');

  // Signature block, right half; keep it whole on one page.
  const tteX = kiri + lebar / 2 + 10;
  const tteLebar = kanan - tteX;
  const jabatan = `${s['surat.penandatangan_jabatan'] ?? 'Kepala Badan'},`;
  const tinggiTte = doc.font(FONT).heightOfString(jabatan, { width: tteLebar }) + 110;
  if (y + tinggiTte > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  y += 6;
  doc.font(FONT).text(jabatan, tteX, y, { width: tteLebar, align: 'center' });
  y = doc.y + 52;
  doc.font(TEBAL).text(s['surat.penandatangan_nama'] ?? '', tteX, y, { width: tteLebar, align: 'center', underline: true });
  if (s['surat.penandatangan_pangkat'])
    doc.font(FONT).text(s['surat.penandatangan_pangkat'], tteX, doc.y, { width: tteLebar, align: 'center' });
  doc.font(FONT).text(`NIP. ${s['surat.penandatangan_nip'] ?? ''}`, tteX, doc.y, { width: tteLebar, align: 'center' });
  y = doc.y + 14;

  // Tembusan, left.
  const tembusan = (s['surat.tembusan'] ?? '')
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
  if (tembusan.length) {
    doc.font(FONT).fontSize(9).text('Tembusan:', kiri, y, { underline: true });
    tembusan.forEach((t, i) => doc.text(`${i + 1}. ${t}`, kiri, doc.y, { width: lebar / 2 + 40 }));
  }

  doc.end();
  return selesai;
}

/** label : value rows with a hanging value column. */
function tabel(doc: InstanceType<typeof PDFDocument>, x: number, lebar: number, y: number, baris: [string, string][]) {
  const label = 112;
  for (const [l, v] of baris) {
    doc.font(FONT).fontSize(UKURAN).text(l, x, y, { width: label });
    doc.text(':', x + label, y);
    doc.font(l === 'Nama' || l === 'NIP' ? TEBAL : FONT).text(v, x + label + 10, y, { width: lebar - label - 10 });
    y = doc.y + 1;
  }
  doc.y = y;
}

/** 'BADAN KEPEGAWAIAN DAN …' → 'Badan Kepegawaian dan …' */
function toTitle(s: string): string {
  const kecil = new Set(['dan', 'di', 'ke', 'dari', 'untuk', 'atau']);
  return s
    .toLowerCase()
    .split(/\s+/)
    .map((w, i) => (i > 0 && kecil.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}
