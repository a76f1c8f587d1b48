import type { Writable } from 'node:stream';
import type { Pengguna } from '../data/pegawai';
import type { RincianRow } from '../data/pengajuan';
import { fmt } from '../format';
import type { SkjItem } from '../domain/kesenjangan';
import { LABEL_STATUS_RINCIAN, type StatusRincian } from '../domain/status';
import { formatTanggal, tanggalWIB } from '../domain/waktu';
import { drawKop, type PengaturanKop } from './kop';
import { HURUF, HURUF_TEBAL, pdfBaru } from './dokumen';

// "Formulir Pengajuan": the whole plan of one employee's year on A4, to print and sign: letterhead,
// the plan's header, SKJ gaps, every training kept whole on a page, totals per status, signature
// spaces for the employee and the atasan, page numbers.

type Doc = PDFKit.PDFDocument;

export interface ModelFormulir {
  pemilik: Pengguna;
  pengajuan: Record<string, unknown> & { skj: SkjItem[] };
  items: RincianRow[];
  pengaturan: PengaturanKop;
  dicetak: Date;
}

/** Still proposed: sent, accepted, running or finished (not a draft, not returned). */
const DIUSULKAN: StatusRincian[] = ['dikirim', 'diterima', 'berjalan', 'selesai'];

export function formulirPdf(out: Writable, m: ModelFormulir) {
  const p = m.pengajuan;
  const doc = pdfBaru({
    size: 'A4',
    margins: { top: 36, left: 50, right: 50, bottom: 48 },
    bufferPages: true,
    info: {
      Title: `Formulir Pengajuan Pengembangan Kompetensi ${p.tahun} — ${m.pemilik.nama}`,
      Author: 'Bangkom',
      CreationDate: m.dicetak,
    },
  });
  doc.pipe(out);
  const kiri = doc.page.margins.left;
  const lebar = doc.page.width - kiri - doc.page.margins.right;
  const batasBawah = () => doc.page.height - doc.page.margins.bottom;

  drawKop(doc, m.pengaturan);
  doc.font(HURUF_TEBAL).fontSize(12).text('FORMULIR PENGAJUAN', kiri, doc.y, { width: lebar, align: 'center' });
  doc.fontSize(10.5).text(`PERENCANAAN PENGEMBANGAN KOMPETENSI TAHUN ${p.tahun}`, { width: lebar, align: 'center' });
  doc.moveDown(0.8);

  const baris = (label: string, nilai: string, x = kiri, lebarLabel = 150) => {
    const y = doc.y;
    doc.font(HURUF).fontSize(9.5).text(label, x, y, { width: lebarLabel });
    const yLabel = doc.y;
    doc.text(`: ${nilai}`, x + lebarLabel, y, { width: lebar - (x - kiri) - lebarLabel });
    doc.y = Math.max(doc.y, yLabel);
    doc.moveDown(0.15);
  };
  const u = m.pemilik;
  baris('Nama', u.nama);
  baris('NIP', u.nip);
  baris('Jabatan', u.jabatan ?? '-');
  baris('Instansi', u.instansi_nama);
  baris('Atasan langsung', u.atasan_nama ? `${u.atasan_nama} (NIP ${u.atasan_nip})` : '-');
  baris('Jenis jabatan', String(p.jenis_jabatan_nama ?? '-'));
  baris('Penilaian kinerja', `${fmt.angka(String(p.penilaian_kinerja))} (${fmt.kinerja(String(p.kesenjangan_kinerja))})`);
  baris('Prioritas', String(p.prioritas ?? '-'));

  judul(doc, 'Standar Kompetensi Jabatan (SKJ)', kiri);
  const kolomSkj = [kiri, kiri + 40, kiri + 290, kiri + 350, kiri + 410, kiri + lebar];
  const barisTabel = (teks: string[], tebal: boolean) => {
    doc.font(tebal ? HURUF_TEBAL : HURUF).fontSize(8.5);
    const tinggi = Math.max(...teks.map((t, i) => doc.heightOfString(t, { width: kolomSkj[i + 1]! - kolomSkj[i]! - 4 })));
    if (doc.y + tinggi > batasBawah()) doc.addPage();
    const y = doc.y;
    teks.forEach((t, i) => doc.text(t, kolomSkj[i], y, { width: kolomSkj[i + 1]! - kolomSkj[i]! - 4 }));
    doc.y = y + tinggi + 2;
  };
  barisTabel(['Kode', 'Kompetensi', 'Level', 'Standar', 'Kesenjangan'], true);
  for (const s of p.skj) barisTabel([s.kode, s.nama, String(s.level), String(s.standar), s.gap > 0 ? String(s.gap) : '-'], false);

  judul(doc, 'Pelatihan yang diusulkan', kiri);
  m.items.forEach((r, i) => {
    const isi: [string, string][] = [
      ['Materi', r.materi],
      ['Tanggal / JP', `${fmt.tanggal(r.tanggal)} / ${r.jp} JP`],
      ['Lembaga penyelenggara', r.lembaga],
      ['Anggaran / sumber dana', `${fmt.rupiah(r.anggaran)} / ${r.sumber_dana_nama}`],
      ...(r.program_studi ? [['Program studi', `${r.program_studi} (${r.jenjang}), ${r.perguruan_tinggi}`] as [string, string]] : []),
      ['Alasan', r.alasan],
      ...(r.alasan_keputusan ? [['Alasan keputusan', r.alasan_keputusan] as [string, string]] : []),
    ];
    // an item is never split over two pages
    doc.font(HURUF).fontSize(9.5);
    const tinggi = 16 + isi.reduce((a, [, v]) => a + doc.heightOfString(`: ${v}`, { width: lebar - 150 }) + 2, 0);
    if (doc.y + tinggi > batasBawah()) doc.addPage();
    doc
      .font(HURUF_TEBAL)
      .fontSize(10)
      .text(`${i + 1}. ${r.bentuk_nama} — ${fmt.statusRincian(r.status)}`, kiri, doc.y, { width: lebar });
    for (const [l, v] of isi) baris(l, v, kiri + 14, 136);
    doc.moveDown(0.4);
  });

  // Totals per status, and what is still proposed.
  const ringkas = (daftar: RincianRow[]) => ({
    n: daftar.length,
    jp: daftar.reduce((a, r) => a + r.jp, 0),
    anggaran: daftar.reduce((a, r) => a + Number(r.anggaran), 0),
  });
  const perStatus = (Object.keys(LABEL_STATUS_RINCIAN) as StatusRincian[])
    .map((st) => [LABEL_STATUS_RINCIAN[st], ringkas(m.items.filter((r) => r.status === st))] as const)
    .filter(([, t]) => t.n > 0);
  const diusulkan = ringkas(m.items.filter((r) => DIUSULKAN.includes(r.status as StatusRincian)));
  // the totals and the signatures stay together: a signature never stands alone on a page
  if (doc.y + 60 + 13 * (perStatus.length + 2) + 130 > batasBawah()) doc.addPage();
  judul(doc, 'Jumlah', kiri);
  const kolomJumlah = [kiri, kiri + 230, kiri + 300, kiri + 360, kiri + lebar];
  const barisJumlah = (t: string[], tebal: boolean) => {
    const y = doc.y;
    doc.font(tebal ? HURUF_TEBAL : HURUF).fontSize(9);
    t.forEach((v, i) => doc.text(v, kolomJumlah[i], y, { width: kolomJumlah[i + 1]! - kolomJumlah[i]! - 6, align: i ? 'right' : 'left' }));
    doc.y = y + 13;
  };
  barisJumlah(['Status', 'Pelatihan', 'JP', 'Anggaran'], true);
  for (const [label, t] of perStatus) barisJumlah([label, String(t.n), String(t.jp), fmt.rupiah(t.anggaran)], false);
  barisJumlah(
    ['Diusulkan (dikirim, diterima, berjalan, selesai)', String(diusulkan.n), String(diusulkan.jp), fmt.rupiah(diusulkan.anggaran)],
    true,
  );

  // Signature spaces: the employee left, the atasan right, with place and date.
  const y = doc.y + 20;
  const separuh = lebar / 2;
  const kota = m.pengaturan['surat.kota'] ?? '';
  const tandaTangan = (x: number, peran: string, nama: string, nip: string, tanggal: string) => {
    doc
      .font(HURUF)
      .fontSize(9.5)
      .text(tanggal, x, y, { width: separuh - 20, align: 'center' });
    doc.text(peran, x, doc.y, { width: separuh - 20, align: 'center' });
    doc.font(HURUF_TEBAL).text(nama, x, y + 75, { width: separuh - 20, align: 'center', underline: true });
    doc.font(HURUF).text(nip ? `NIP ${nip}` : 'NIP ………………………', x, doc.y, { width: separuh - 20, align: 'center' });
  };
  tandaTangan(kiri, 'Pegawai yang mengusulkan,', u.nama, u.nip, `${kota}, ${formatTanggal(tanggalWIB(m.dicetak))}`);
  tandaTangan(kiri + separuh + 20, 'Atasan langsung,', u.atasan_nama ?? '………………………………', u.atasan_nip ?? '', `${kota}, ……………………………`);

  // Page numbers, and when it was printed.
  const halaman = doc.bufferedPageRange();
  for (let i = 0; i < halaman.count; i++) {
    doc.switchToPage(halaman.start + i);
    const bawah = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(HURUF)
      .fontSize(7.5)
      .text(
        `Formulir Pengajuan ${p.tahun} · ${u.nama} · dicetak dari Bangkom ${fmt.waktu(m.dicetak)} · Halaman ${i + 1} dari ${halaman.count}`,
        kiri,
        doc.page.height - 30,
        { width: lebar, align: 'center' },
      );
    doc.page.margins.bottom = bawah;
  }
  doc.end();
}

function judul(doc: Doc, teks: string, x: number) {
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom && doc.y > doc.page.margins.top + 1) doc.addPage();
  doc.moveDown(0.6).font(HURUF_TEBAL).fontSize(10.5).text(teks, x);
  doc.moveDown(0.3);
}
