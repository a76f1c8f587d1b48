import PDFDocument from 'pdfkit';
import { drawKop, type PengaturanKop } from './kop';
import { formatRupiah } from '../domain/angka';
import { formatTanggal } from '../domain/waktu';
import qrcode from 'qrcode-generator';
import { HURUF, HURUF_TEBAL, pdfBaru } from './dokumen';

// The decision letter of a rekomendasi, a surat dinas: kop, place and date, Nomor/Sifat/Lampiran/Hal,
// addressee, body, signature block, tembusan, and a QR code to its public verification page.
// It is built once, when the decision is made, and kept (table surat): never rebuilt afterwards.

export interface DataSurat {
  nomor: string;
  /** 'YYYY-MM-DD' */
  tanggal: string;
  diterima: boolean;
  alasan: string;
  diputuskanAt: Date;
  pegawai: { nama: string; nip: string; jabatan: string | null; instansi: string };
  /** the head of the employee's unit, as addressed ("Kepala Dinas Pendidikan", "Inspektur") */
  pimpinan: string;
  /** the employee works at the issuing agency itself: the letter is addressed to the employee */
  unitSendiri: boolean;
  /** the public page that confirms the letter, and its code */
  verifikasi: { kode: string; url: string };
  pelatihan: {
    nama: string;
    jenis: string;
    jalur: string;
    lembaga: string;
    mulai: string;
    selesai: string;
    biaya: number;
    sumberBiaya: 'pd' | 'bkpsdm' | 'pd_bkpsdm' | 'tanpa_biaya';
    /** the unit's and BKPSDM's shares of `biaya`, for `pd_bkpsdm` */
    biayaPd?: number | null;
    biayaBkpsdm?: number | null;
  };
}

const FONT = HURUF;
const TEBAL = HURUF_TEBAL;
const UKURAN = 10.5;

export function pembebananBiaya(d: DataSurat): string {
  if (d.pelatihan.sumberBiaya === 'tanpa_biaya' || d.pelatihan.biaya === 0) return 'Tanpa biaya';
  const bkpsdm = 'anggaran Badan Kepegawaian dan Pengembangan SDM Daerah';
  if (d.pelatihan.sumberBiaya === 'pd_bkpsdm')
    return (
      `${formatRupiah(d.pelatihan.biaya)}, dibebankan pada anggaran ${d.pegawai.instansi} sebesar ` +
      `${formatRupiah(d.pelatihan.biayaPd)} dan ${bkpsdm} sebesar ${formatRupiah(d.pelatihan.biayaBkpsdm)}`
    );
  const siapa = d.pelatihan.sumberBiaya === 'pd' ? `anggaran ${d.pegawai.instansi}` : bkpsdm;
  return `${formatRupiah(d.pelatihan.biaya)}, dibebankan pada ${siapa}`;
}

export function buatSuratRekomendasi(d: DataSurat, s: PengaturanKop): Promise<Buffer> {
  const doc = pdfBaru({
    size: 'A4',
    margins: { top: 36, left: 71, right: 57, bottom: 40 },
    bufferPages: true,
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

  // Addressee: the head of the employee's unit; the employee when that unit is the issuing agency.
  doc.font(FONT).text('Yth.', kiri, y);
  doc.text(d.unitSendiri ? `Sdr. ${d.pegawai.nama}` : d.pimpinan, kiri + 26, y, { width: 300 });
  if (d.unitSendiri && d.pegawai.jabatan) doc.text(d.pegawai.jabatan, kiri + 26, doc.y, { width: 300 });
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
    (d.unitSendiri
      ? 'Menindaklanjuti permohonan Saudara perihal rekomendasi pengembangan kompetensi yang disampaikan melalui aplikasi Bangkom, '
      : 'Menindaklanjuti surat usulan Saudara perihal permohonan rekomendasi pengembangan kompetensi yang disampaikan melalui aplikasi Bangkom, ') +
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
  const alasan = kalimat(d.alasan);
  if (d.diterima) {
    paragraf(
      `Permohonan tersebut DISETUJUI dengan pertimbangan: ${alasan} Setelah selesai mengikuti kegiatan, ` +
        'yang bersangkutan wajib menyampaikan laporan beserta sertifikat melalui menu Laporan aplikasi Bangkom.',
    );
  } else {
    paragraf(`Permohonan tersebut DITOLAK dengan alasan: ${alasan}`);
  }

  // The closing sentence and the signature block stay together, so the signature never stands
  // alone on a page.
  const penutup = 'Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.';
  const tteX = kiri + lebar / 2 + 10;
  const tteLebar = kanan - tteX;
  const jabatan = `${s['surat.penandatangan_jabatan'] ?? 'Kepala Badan'},`;
  const tinggiPenutup = doc.font(FONT).fontSize(UKURAN).heightOfString(penutup, { width: isiLebar, indent: 24, lineGap: 1 }) + 6;
  const tinggiTte = doc.heightOfString(jabatan, { width: tteLebar }) + 110;
  if (y + tinggiPenutup + tinggiTte > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  paragraf(penutup);
  y += 6;
  // left of the signature: the QR code of the verification page
  const bawahQr = kodeVerifikasi(doc, d.verifikasi, kiri, y, tteX - kiri - 24);
  doc.font(FONT).fontSize(UKURAN).text(jabatan, tteX, y, { width: tteLebar, align: 'center' });
  y = doc.y + 52;
  doc.font(TEBAL).text(s['surat.penandatangan_nama'] ?? '', tteX, y, { width: tteLebar, align: 'center', underline: true });
  if (s['surat.penandatangan_pangkat'])
    doc.font(FONT).text(s['surat.penandatangan_pangkat'], tteX, doc.y, { width: tteLebar, align: 'center' });
  doc.font(FONT).text(`NIP. ${s['surat.penandatangan_nip'] ?? ''}`, tteX, doc.y, { width: tteLebar, align: 'center' });
  y = Math.max(doc.y, bawahQr) + 14;

  // Tembusan, left.
  const tembusan = (s['surat.tembusan'] ?? '')
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t && !(d.unitSendiri && /^pegawai yang bersangkutan$/i.test(t)));
  if (tembusan.length) {
    doc.font(FONT).fontSize(9).text('Tembusan:', kiri, y, { underline: true });
    tembusan.forEach((t, i) => doc.text(`${i + 1}. ${t}`, kiri, doc.y, { width: lebar / 2 + 40 }));
  }

  // Page numbers on a letter of more than one page.
  const halaman = doc.bufferedPageRange();
  if (halaman.count > 1)
    for (let i = 0; i < halaman.count; i++) {
      doc.switchToPage(halaman.start + i);
      const bawah = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing in the bottom margin must not open a new page
      doc
        .font(FONT)
        .fontSize(8)
        .text(`Halaman ${i + 1} dari ${halaman.count} · ${d.nomor}`, kiri, doc.page.height - 28, { width: lebar, align: 'center' });
      doc.page.margins.bottom = bawah;
    }
  doc.end();
  return selesai;
}

/** A sentence as typed, ending with a full stop: "Sesuai kebutuhan" → "Sesuai kebutuhan." */
function kalimat(teks: string): string {
  const t = teks.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The QR code of the verification page, its address and code, at (x, y); returns the y below it. */
function kodeVerifikasi(doc: InstanceType<typeof PDFDocument>, v: DataSurat['verifikasi'], x: number, y: number, lebar: number): number {
  const ukuran = 62;
  const qr = qrcode(0, 'M');
  qr.addData(v.url);
  qr.make();
  const n = qr.getModuleCount();
  const sel = ukuran / n;
  doc.save().fillColor('black');
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) doc.rect(x + c * sel, y + r * sel, sel, sel);
  doc.fill().restore();
  doc
    .font(FONT)
    .fontSize(7)
    .text('Keaslian surat dapat diperiksa dengan memindai kode QR ini atau membuka:', x, y + ukuran + 4, { width: lebar });
  // The address as a reader types it: on one line, a little smaller if need be; too long for that,
  // broken after its last slash (pdfkit would break it at the hyphen of "verifikasi-surat").
  const perlu = doc.widthOfString(v.url);
  const ukuranMuat = Math.floor((70 * lebar) / perlu) / 10;
  if (perlu <= lebar) doc.text(v.url, { width: lebar });
  else if (ukuranMuat >= 6) doc.fontSize(ukuranMuat).text(v.url, { width: lebar }).fontSize(7);
  else {
    const potong = v.url.lastIndexOf('/') + 1;
    doc.text(v.url.slice(0, potong), { width: lebar }).text(v.url.slice(potong), { width: lebar });
  }
  doc.text(`Kode verifikasi: ${v.kode}`, { width: lebar });
  const bawah = doc.y;
  doc.fontSize(UKURAN);
  return bawah;
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
