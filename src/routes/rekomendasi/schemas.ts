import { z } from 'zod';
import { teks } from '../validasi';
import type { FieldErrors } from '../../errors';
import { formatRupiah, parseAngka } from '../../domain/angka';
import { BIAYA_MAKS, JALUR_REKOMENDASI, KODE_SUMBER_BIAYA } from '../../domain/rekomendasi';
import { isOneOf } from '../../domain/pilihan';
import { isTanggal } from '../../domain/waktu';
import type { IsianRekomendasi } from '../../services/rekomendasi';

// Every field becomes one trimmed string (missing, arrays, objects: ''); the form's rules give the messages.
const s = z.preprocess(teks, z.string());

export const PESAN = {
  jalur: 'Pilih jalur: pelatihan klasikal atau non klasikal.',
  wajib: (apa: string) => `${apa} wajib diisi.`,
  panjang: (apa: string, n: number) => `${apa} paling banyak ${n} karakter.`,
  tanggal: 'Isi tanggal yang benar (tttt-bb-hh).',
  selesaiSebelumMulai: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
  biayaAngka: 'Biaya harus berupa angka, mis. 2.500.000.',
  biayaNegatif: 'Biaya tidak boleh negatif.',
  biayaWajar: 'Biaya tidak wajar: paling besar Rp 10.000.000.000,00.',
  biayaSen: 'Biaya paling banyak dua angka di belakang koma.',
  biayaWajib: 'Isi besaran biaya, atau pilih "Tanpa biaya".',
  biayaTanpa: 'Untuk "Tanpa biaya", besaran biaya harus 0.',
  bagianAngka: (siapa: string) => `Bagian ${siapa} harus berupa angka, mis. 1.500.000.`,
  bagianNegatif: (siapa: string) => `Bagian ${siapa} tidak boleh negatif.`,
  bagianWajar: (siapa: string) => `Bagian ${siapa} tidak wajar: paling besar Rp 10.000.000.000,00.`,
  bagianSen: (siapa: string) => `Bagian ${siapa} paling banyak dua angka di belakang koma.`,
  bagianWajib: (siapa: string) => `Untuk "PD dan BKPSDMD", isi bagian biaya yang ditanggung ${siapa} (lebih dari 0).`,
  bagianNol: (siapa: string) => `Bagian ${siapa} harus lebih dari 0; bila ${siapa} tidak ikut menanggung, pilih sumber biaya yang lain.`,
  bagianTanpaBersama: (siapa: string) =>
    `Bagian ${siapa} hanya diisi bila biaya ditanggung "PD dan BKPSDMD"; kosongkan, atau pilih "PD dan BKPSDMD".`,
  biayaJumlah: (jumlah: string) =>
    `Besaran biaya harus sama dengan jumlah bagian PD dan BKPSDMD (${jumlah}); kosongkan agar diisi jumlah itu.`,
  biayaJumlahWajar: 'Jumlah bagian PD dan BKPSDMD tidak wajar: paling besar Rp 10.000.000.000,00.',
  sumber: 'Pilih siapa yang menanggung biaya.',
  rincian: 'Pilih salah satu rencana Anda sendiri yang berstatus Diterima atau Berjalan.',
  pernyataan: 'Centang pernyataan sebelum mengirim pengajuan.',
  aksi: 'Pilih "Simpan sebagai konsep" atau "Kirim ke BKPSDMD".',
};

/** The employee's form as typed: every value one string (also what the page shows again). */
export const isianSchema = z.object({
  jalur: s,
  nama_pelatihan: s,
  jenis_pelatihan: s,
  lembaga: s,
  tanggal_mulai: s,
  tanggal_selesai: s,
  biaya: s,
  sumber_biaya: s,
  biaya_pd: s,
  biaya_bkpsdm: s,
  rincian_id: s,
  pernyataan: s,
  aksi: s,
});
type Isian = z.infer<typeof isianSchema>;

/**
 * An amount in rupiah typed in the form ('' = not given: null). A wrong one gets its message on
 * `kolom` and null; a good one is rounded to the sen.
 */
function uang(
  teks: string,
  kolom: string,
  e: FieldErrors,
  pesan: { angka: string; negatif: string; wajar: string; sen: string },
): number | null {
  if (teks === '') return null;
  const n = parseAngka(teks);
  if (n === null) e[kolom] = pesan.angka;
  else if (n < 0) e[kolom] = pesan.negatif;
  else if (n > BIAYA_MAKS) e[kolom] = pesan.wajar;
  else if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) e[kolom] = pesan.sen;
  else return Math.round(n * 100) / 100;
  return null;
}

/** The form's own rules, every message at once; the values to store when there is none. */
function periksa(input: Isian): { e: FieldErrors; nilai: IsianRekomendasi } {
  const e: FieldErrors = {};
  const aksi = input.aksi === '' ? 'simpan' : input.aksi;
  if (aksi !== 'simpan' && aksi !== 'kirim') e.aksi = PESAN.aksi;
  const kirim = aksi === 'kirim';

  if (!isOneOf(JALUR_REKOMENDASI, input.jalur)) e.jalur = PESAN.jalur;
  const teksWajib = (kolom: 'nama_pelatihan' | 'jenis_pelatihan' | 'lembaga', label: string, maks: number) => {
    const v = input[kolom];
    if (!v) e[kolom] = PESAN.wajib(label);
    else if (v.length > maks) e[kolom] = PESAN.panjang(label, maks);
  };
  teksWajib('nama_pelatihan', 'Nama pelatihan', 300);
  teksWajib('jenis_pelatihan', 'Jenis pelatihan', 300);
  teksWajib('lembaga', 'Lembaga penyelenggara', 200);

  for (const k of ['tanggal_mulai', 'tanggal_selesai'] as const) {
    const v = input[k];
    if (!v) e[k] = PESAN.wajib(k === 'tanggal_mulai' ? 'Tanggal mulai' : 'Tanggal selesai');
    else if (!isTanggal(v) || v < '2000-01-01' || v > '2100-12-31') e[k] = PESAN.tanggal;
  }
  if (!e.tanggal_mulai && !e.tanggal_selesai && input.tanggal_selesai < input.tanggal_mulai) e.tanggal_selesai = PESAN.selesaiSebelumMulai;

  const sumber = input.sumber_biaya;
  if (!isOneOf(KODE_SUMBER_BIAYA, sumber)) e.sumber_biaya = PESAN.sumber;
  const biaya = uang(input.biaya, 'biaya', e, {
    angka: PESAN.biayaAngka,
    negatif: PESAN.biayaNegatif,
    wajar: PESAN.biayaWajar,
    sen: PESAN.biayaSen,
  });
  const bagian = (kolom: 'biaya_pd' | 'biaya_bkpsdm', siapa: string) =>
    uang(input[kolom], kolom, e, {
      angka: PESAN.bagianAngka(siapa),
      negatif: PESAN.bagianNegatif(siapa),
      wajar: PESAN.bagianWajar(siapa),
      sen: PESAN.bagianSen(siapa),
    });
  const biayaPd = bagian('biaya_pd', 'PD');
  const biayaBkpsdm = bagian('biaya_bkpsdm', 'BKPSDMD');
  // what is stored: the total, and the shares only when both pay
  let total = biaya ?? 0;
  let pembagian: { biaya_pd: number | null; biaya_bkpsdm: number | null } = { biaya_pd: null, biaya_bkpsdm: null };
  if (!e.sumber_biaya && sumber === 'pd_bkpsdm') {
    // both shares required and above 0; the total is their sum, and a total typed as well must match it
    for (const [kolom, n, siapa] of [
      ['biaya_pd', biayaPd, 'PD'],
      ['biaya_bkpsdm', biayaBkpsdm, 'BKPSDMD'],
    ] as const) {
      if (e[kolom]) continue;
      if (n === null) e[kolom] = PESAN.bagianWajib(siapa);
      else if (n === 0) e[kolom] = PESAN.bagianNol(siapa);
    }
    if (!e.biaya_pd && !e.biaya_bkpsdm && biayaPd !== null && biayaBkpsdm !== null) {
      const sen = Math.round(biayaPd * 100) + Math.round(biayaBkpsdm * 100);
      if (sen > BIAYA_MAKS * 100) e.biaya ??= PESAN.biayaJumlahWajar;
      else if (!e.biaya && biaya !== null && Math.round(biaya * 100) !== sen) e.biaya = PESAN.biayaJumlah(formatRupiah(sen / 100));
      total = sen / 100;
      pembagian = { biaya_pd: biayaPd, biaya_bkpsdm: biayaBkpsdm };
    }
  } else if (!e.sumber_biaya) {
    // the single-payer rules, as before; shares belong to "PD dan BKPSDMD" only
    if (!e.biaya) {
      if (sumber === 'tanpa_biaya' && total !== 0) e.biaya = PESAN.biayaTanpa;
      if (sumber !== 'tanpa_biaya' && total === 0) e.biaya = PESAN.biayaWajib;
    }
    if (!e.biaya_pd && biayaPd) e.biaya_pd = PESAN.bagianTanpaBersama('PD');
    if (!e.biaya_bkpsdm && biayaBkpsdm) e.biaya_bkpsdm = PESAN.bagianTanpaBersama('BKPSDMD');
  }

  // the item must also be the employee's own: the service checks that
  let rincianId: number | null = null;
  if (input.rincian_id !== '') {
    rincianId = /^\d{1,9}$/.test(input.rincian_id) ? Number(input.rincian_id) : 0;
    if (!rincianId) e.rincian_id = PESAN.rincian;
  }

  const pernyataan = input.pernyataan === '1';
  if (kirim && !pernyataan) e.pernyataan = PESAN.pernyataan;

  return {
    e,
    nilai: {
      kirim,
      jalur: isOneOf(JALUR_REKOMENDASI, input.jalur) ? input.jalur : 'klasikal',
      nama_pelatihan: input.nama_pelatihan,
      jenis_pelatihan: input.jenis_pelatihan,
      lembaga: input.lembaga,
      tanggal_mulai: input.tanggal_mulai,
      tanggal_selesai: input.tanggal_selesai,
      biaya: total,
      sumber_biaya: isOneOf(KODE_SUMBER_BIAYA, sumber) ? sumber : 'tanpa_biaya',
      ...pembagian,
      rincian_id: rincianId,
      pernyataan,
    },
  };
}

/** The employee's request form: the fields, the split funding, the statement when sending. */
export const rekomendasiSchema = isianSchema.transform((input, ctx): IsianRekomendasi => {
  const { e, nilai } = periksa(input);
  for (const [kolom, message] of Object.entries(e)) ctx.addIssue({ code: 'custom', path: [kolom], message });
  return nilai;
});

export const keputusanSchema = z.object({
  keputusan: s,
  alasan: s,
});

export const filterBkpsdmSchema = z.object({
  status: s,
  instansi: s,
  jalur: s,
  dari: s,
  sampai: s,
  page: s,
});
