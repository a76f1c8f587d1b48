import type { Writable } from 'node:stream';
import type { Pengguna } from '../data/pegawai';
import type { RincianRow } from '../data/pengajuan';
import { fmt } from '../format';
import type { SkjItem } from '../domain/kesenjangan';
import { HURUF, HURUF_TEBAL, pdfBaru } from './dokumen';

// "Formulir Pengajuan": the whole plan (header, SKJ gaps, every training) on A4, for printing.

export function formulirPdf(
  out: Writable,
  user: Pengguna,
  model: { pengajuan: Record<string, unknown> & { skj: SkjItem[] }; items: RincianRow[] },
) {
  const doc = pdfBaru({ size: 'A4', margin: 50, info: { Title: 'Formulir Pengajuan Pengembangan Kompetensi', Author: 'Bangkom' } });
  doc.pipe(out);
  const p = model.pengajuan;
  const lebar = doc.page.width - 100;

  doc.font(HURUF_TEBAL).fontSize(13).text('FORMULIR PENGAJUAN', { align: 'center' });
  doc.fontSize(11).text(`PERENCANAAN PENGEMBANGAN KOMPETENSI TAHUN ${p.tahun}`, { align: 'center' });
  doc
    .moveDown(0.3)
    .moveTo(50, doc.y)
    .lineTo(50 + lebar, doc.y)
    .stroke()
    .moveDown(0.8);

  const baris = (label: string, nilai: string) => {
    const y = doc.y;
    doc.font(HURUF).fontSize(10).text(label, 50, y, { width: 150 });
    doc.text(`: ${nilai}`, 200, y, { width: lebar - 150 });
    doc.moveDown(0.2);
  };
  baris('Nama', user.nama);
  baris('NIP', user.nip);
  baris('Instansi', user.instansi_nama);
  baris('Atasan langsung', user.atasan_nama ? `${user.atasan_nama} (${user.atasan_nip})` : '-');
  baris('Jenis jabatan', String(p.jenis_jabatan_nama));
  baris('Jalur', fmt.jalur(String(p.jalur)));
  baris('Penilaian kinerja', `${fmt.angka(String(p.penilaian_kinerja))} (${fmt.kinerja(String(p.kesenjangan_kinerja))})`);
  baris('Prioritas', String(p.prioritas));

  doc.moveDown(0.6).font(HURUF_TEBAL).fontSize(11).text('Standar Kompetensi Jabatan (SKJ)', 50);
  doc.moveDown(0.3);
  const kolomSkj = [50, 90, 330, 400, 470];
  const kepala = (teks: string[], xs: number[]) => {
    const y = doc.y;
    doc.font(HURUF_TEBAL).fontSize(9);
    teks.forEach((t, i) => doc.text(t, xs[i]!, y, { width: (xs[i + 1] ?? 50 + lebar) - xs[i]! - 4 }));
    doc.moveDown(0.3);
  };
  kepala(['Kode', 'Kompetensi', 'Level', 'Standar', 'Kesenjangan'], kolomSkj);
  doc.font(HURUF).fontSize(9);
  for (const s of p.skj) {
    const y = doc.y;
    [s.kode, s.nama, String(s.level), String(s.standar), s.gap > 0 ? `${s.gap}` : '-'].forEach((t, i) =>
      doc.text(t, kolomSkj[i]!, y, { width: (kolomSkj[i + 1] ?? 50 + lebar) - kolomSkj[i]! - 4 }),
    );
    doc.moveDown(0.15);
  }

  doc.moveDown(0.8).font(HURUF_TEBAL).fontSize(11).text('Pelatihan yang diusulkan', 50);
  doc.moveDown(0.3);
  model.items.forEach((r, i) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc
      .font(HURUF_TEBAL)
      .fontSize(10)
      .text(`${i + 1}. ${r.bentuk_nama} — ${fmt.statusRincian(r.status)}`, 50);
    doc.font(HURUF).fontSize(9);
    baris('   Materi', r.materi);
    baris('   Tanggal / JP', `${fmt.tanggal(r.tanggal)} / ${r.jp} JP`);
    baris('   Lembaga', r.lembaga);
    baris('   Anggaran / sumber dana', `${fmt.rupiah(r.anggaran)} / ${r.sumber_dana_nama}`);
    if (r.program_studi) baris('   Program studi', `${r.program_studi} (${r.jenjang}), ${r.perguruan_tinggi}`);
    baris('   Alasan', r.alasan);
    if (r.alasan_keputusan) baris('   Alasan keputusan', r.alasan_keputusan);
    doc.moveDown(0.3);
  });

  const total = model.items.reduce((a, r) => a + Number(r.anggaran), 0);
  const jp = model.items.reduce((a, r) => a + r.jp, 0);
  doc
    .moveDown(0.3)
    .font(HURUF_TEBAL)
    .fontSize(10)
    .text(`Jumlah: ${model.items.length} pelatihan, ${jp} JP, ${fmt.rupiah(total)}`, 50);
  doc
    .moveDown(2)
    .font(HURUF)
    .fontSize(10)
    .text(`Dicetak dari Bangkom, ${fmt.waktu(new Date())}`, 50, doc.y, { align: 'right', width: lebar });
  doc.end();
}
