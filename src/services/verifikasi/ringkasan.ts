import { listAntreanTerlambat } from '../../data/verifikasi';
import { listPltHari } from '../../data/plt';
import { BATAS_TUNGGU_HARI } from '../../domain/verifikasi';
import { tanggalWIB } from '../../domain/waktu';
import { kirimNotifikasi } from '../notifikasi/kirim';
import type { Deps } from '../deps';

/** The daily digest: every atasan (and their Plt today) with items waiting over 14 days. Returns how many were told. */
export async function kirimRingkasanTerlambat({ db, clock, config }: Deps): Promise<number> {
  const now = clock.now();
  const hari = tanggalWIB(now);
  const antrean = await listAntreanTerlambat(db, new Date(now.getTime() - BATAS_TUNGGU_HARI * 86_400_000));
  if (!antrean.length) return 0;
  const plt = await listPltHari(
    db,
    antrean.map((a) => a.atasan_id),
    hari,
  );
  const penerima = new Map<number, string[]>();
  const tambah = (id: number, baris: string) => penerima.set(id, [...(penerima.get(id) ?? []), baris]);
  for (const a of antrean) {
    const hariTertua = Math.floor((now.getTime() - new Date(a.tertua).getTime()) / 86_400_000);
    const ringkas = `${a.n} pengajuan menunggu verifikasi lebih dari ${BATAS_TUNGGU_HARI} hari (paling lama ${hariTertua} hari)`;
    if (a.aktif) tambah(a.atasan_id, `${ringkas}.`);
    for (const p of plt.filter((p) => p.atasan_id === a.atasan_id)) tambah(p.pengganti_id, `Sebagai Plt ${a.nama}: ${ringkas}.`);
  }
  await db.transaction(async (trx) => {
    for (const [pegawaiId, baris] of penerima) {
      await kirimNotifikasi(
        trx,
        {
          pegawaiId,
          judul: 'Pengajuan bawahan menunggu verifikasi',
          pesan: `${baris.join(' ')} Mohon segera diverifikasi; alasan wajib diisi, baik diterima maupun ditolak.`,
          tautan: '/verifikasi',
        },
        now,
        config.baseUrl,
      );
    }
  });
  return penerima.size;
}
