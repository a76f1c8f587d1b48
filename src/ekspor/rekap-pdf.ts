import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { formatAngka, formatRupiah } from '../domain/angka';
import { formatTanggal, formatWaktu } from '../domain/waktu';
import { HURUF, HURUF_TEBAL, pdfBaru } from './dokumen';
import { drawKop } from './kop';
import { labelJalur, labelStatus, type RekapEkspor } from './rekap';

// The compiled plan as a landscape A4 document: letterhead, the summary tables with their totals,
// and (for one unit) its accepted items; "Halaman x dari y" on every page.

type Doc = InstanceType<typeof PDFDocument>;
const FONT = HURUF;
const TEBAL = HURUF_TEBAL;
const UKURAN = 8;
const PAD = 3;

interface Kolom {
  judul: string;
  lebar: number;
  rata?: 'left' | 'right' | 'center';
}

/** A table that breaks across pages and repeats its header row. */
function tabel(doc: Doc, kolom: Kolom[], rows: string[][], tebalTerakhir = false) {
  const kiri = doc.page.margins.left;
  const bawah = () => doc.page.height - doc.page.margins.bottom - 18;
  const total = kolom.reduce((s, k) => s + k.lebar, 0);
  const tinggi = (sel: string[], font: string) => {
    doc.font(font).fontSize(UKURAN);
    return Math.max(...sel.map((t, i) => doc.heightOfString(t, { width: kolom[i]!.lebar - 2 * PAD }))) + 2 * PAD;
  };
  const tulis = (sel: string[], y: number, h: number, font: string, isi?: string) => {
    if (isi) doc.save().rect(kiri, y, total, h).fill(isi).restore();
    doc.fillColor('black').font(font).fontSize(UKURAN);
    let x = kiri;
    sel.forEach((t, i) => {
      const k = kolom[i]!;
      doc.text(t, x + PAD, y + PAD, { width: k.lebar - 2 * PAD, align: k.rata ?? 'left' });
      x += k.lebar;
    });
    doc.save().lineWidth(0.4).strokeColor('#9aa5b1');
    doc.rect(kiri, y, total, h).stroke();
    x = kiri;
    for (const k of kolom.slice(0, -1)) {
      x += k.lebar;
      doc
        .moveTo(x, y)
        .lineTo(x, y + h)
        .stroke();
    }
    doc.restore();
  };
  const judul = kolom.map((k) => k.judul);
  const hJudul = tinggi(judul, TEBAL);
  let y = doc.y;
  if (y + hJudul + 14 > bawah()) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  tulis(judul, y, hJudul, TEBAL, '#dce6f1');
  y += hJudul;
  rows.forEach((sel, i) => {
    const font = tebalTerakhir && i === rows.length - 1 ? TEBAL : FONT;
    const h = tinggi(sel, font);
    if (y + h > bawah()) {
      doc.addPage();
      y = doc.page.margins.top;
      tulis(judul, y, hJudul, TEBAL, '#dce6f1');
      y += hJudul;
    }
    tulis(sel, y, h, font, font === TEBAL ? '#f1f4f8' : undefined);
    y += h;
  });
  doc.x = kiri;
  doc.y = y + 12;
}

function subjudul(doc: Doc, teks: string) {
  if (doc.y + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font(TEBAL).fontSize(10).text(teks, doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
}

// formatAngka's default keeps integers whole ('50'), and adds ',5' only for fractions.
const n = (v: number) => formatAngka(v);

export function tulisRekapPdf(d: RekapEkspor, out: Writable): void {
  const doc = pdfBaru({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 36, bottom: 36, left: 40, right: 40 },
    bufferPages: true,
    info: { Title: `Rekap Perencanaan Pengembangan Kompetensi ${d.tahun}`, Author: 'Bangkom' },
  });
  doc.pipe(out);
  drawKop(doc, d.surat);
  const lebar = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(TEBAL).fontSize(12).text(`REKAP PERENCANAAN PENGEMBANGAN KOMPETENSI TAHUN ${d.tahun}`, { align: 'center', width: lebar });
  doc
    .font(FONT)
    .fontSize(9)
    .text(d.unit ? d.unit.nama : 'Seluruh instansi Pemerintah Provinsi', { align: 'center', width: lebar });
  doc.moveDown(0.8);

  subjudul(doc, 'A. Rekap per instansi');
  const kolomUnit: Kolom[] = [
    { judul: 'No', lebar: 24, rata: 'center' },
    { judul: 'Instansi', lebar: 175 },
    ...[
      'Jumlah Pegawai',
      'Pegawai Berencana',
      'Konsep',
      'Proses Verifikasi',
      'Diterima',
      'Ditolak',
      'Berjalan',
      'Selesai',
      'Item Diterima',
    ].map((judul) => ({ judul, lebar: 47, rata: 'right' as const })),
    { judul: 'Total JP', lebar: 48, rata: 'right' },
  ];
  kolomUnit.push({ judul: 'Total Anggaran', lebar: lebar - kolomUnit.reduce((s, k) => s + k.lebar, 0), rata: 'right' });
  const angkaUnit = (u: RekapEkspor['total']) => [
    n(u.jumlah_pegawai),
    n(u.pegawai_rencana),
    n(u.konsep),
    n(u.dikirim),
    n(u.diterima),
    n(u.ditolak),
    n(u.berjalan),
    n(u.selesai),
    n(u.item_diterima),
    n(u.jp),
    formatRupiah(u.anggaran),
  ];
  tabel(
    doc,
    kolomUnit,
    [
      ...d.perUnit.map((u, i) => [String(i + 1), u.nama, ...angkaUnit(u)]),
      ['', d.unit ? 'Total' : 'Total Provinsi', ...angkaUnit(d.total)],
    ],
    true,
  );

  const kolomKelompok = (judul: string): Kolom[] => [
    { judul: 'No', lebar: 24, rata: 'center' },
    { judul, lebar: lebar - 24 - 80 - 80 - 150 },
    { judul: 'Item Diterima', lebar: 80, rata: 'right' },
    { judul: 'Total JP', lebar: 80, rata: 'right' },
    { judul: 'Total Anggaran', lebar: 150, rata: 'right' },
  ];
  const totalKelompok = ['', 'Total', n(d.total.item_diterima), n(d.total.jp), formatRupiah(d.total.anggaran)];
  subjudul(doc, 'B. Item diterima per jalur dan bentuk pengembangan');
  tabel(
    doc,
    kolomKelompok('Jalur / Bentuk Pengembangan'),
    [
      ...d.perBentuk.map((b, i) => [
        String(i + 1),
        `${labelJalur(b.jalur ?? '')} — ${b.nama}`,
        n(b.jumlah),
        n(b.jp),
        formatRupiah(b.anggaran),
      ]),
      totalKelompok,
    ],
    true,
  );
  subjudul(doc, 'C. Item diterima per sumber dana');
  tabel(
    doc,
    kolomKelompok('Sumber Dana'),
    [...d.perSumberDana.map((b, i) => [String(i + 1), b.nama, n(b.jumlah), n(b.jp), formatRupiah(b.anggaran)]), totalKelompok],
    true,
  );

  if (d.unit) {
    subjudul(doc, `D. Rincian item diterima — ${d.unit.nama}`);
    const kolom: Kolom[] = [
      { judul: 'No', lebar: 24, rata: 'center' },
      { judul: 'Pegawai', lebar: 130 },
      { judul: 'Bentuk', lebar: 100 },
      { judul: 'Materi', lebar: 170 },
      { judul: 'Tanggal', lebar: 62 },
      { judul: 'Lembaga', lebar: 100 },
      { judul: 'Status', lebar: 50 },
      { judul: 'JP', lebar: 30, rata: 'right' },
    ];
    kolom.push({ judul: 'Anggaran', lebar: lebar - kolom.reduce((s, k) => s + k.lebar, 0), rata: 'right' });
    tabel(
      doc,
      kolom,
      [
        ...d.rincian.map((r, i) => [
          String(i + 1),
          `${r.pegawai_nama}\n${r.nip}`,
          r.bentuk_nama,
          r.materi,
          formatTanggal(r.tanggal),
          r.lembaga,
          labelStatus(r.status),
          n(r.jp),
          `${formatRupiah(r.anggaran)}\n${r.sumber_dana}`,
        ]),
        ['', 'Total', '', '', '', '', '', n(d.total.jp), formatRupiah(d.total.anggaran)],
      ],
      true,
    );
  }

  // Footer on every page, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom - 10;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not add a page
    doc
      .font(FONT)
      .fontSize(7.5)
      .fillColor('#555')
      .text(`Rekap Perencanaan Pengembangan Kompetensi ${d.tahun} · dicetak ${formatWaktu(d.dibuat)}`, doc.page.margins.left, y, {
        width: lebar,
        align: 'left',
        lineBreak: false,
      });
    doc.text(`Halaman ${i + 1} dari ${range.count}`, doc.page.margins.left, y, { width: lebar, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
}
