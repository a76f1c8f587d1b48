import type { Knex } from 'knex';

// The whole data model of Bangkom. Constraints live here as well as in the services.

const JALUR = "('tugas_belajar','klasikal','non_klasikal')";
const STATUS_RINCIAN = "('konsep','dikirim','diterima','ditolak','berjalan','selesai','dihapus')";
const STATUS_REKOMENDASI = "('konsep','terkirim','diterima','ditolak','dihapus')";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('instansi', (t) => {
    t.increments('id');
    t.string('kode', 30).notNullable().unique();
    t.string('nama', 200).notNullable();
    t.string('singkatan', 60);
    t.string('alamat', 300);
    t.boolean('aktif').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('jenis_jabatan', (t) => {
    t.string('kode', 40).primary();
    t.string('nama', 120).notNullable();
    t.string('kelompok', 60).notNullable();
    t.smallint('urutan').notNullable().defaultTo(0);
    t.boolean('aktif').notNullable().defaultTo(true);
  });

  await knex.schema.createTable('kompetensi', (t) => {
    t.string('kode', 10).primary();
    t.string('nama', 120).notNullable();
    t.string('kelompok', 20).notNullable();
    t.smallint('urutan').notNullable().defaultTo(0);
    t.boolean('aktif').notNullable().defaultTo(true);
  });
  await knex.raw("ALTER TABLE kompetensi ADD CHECK (kelompok IN ('manajerial','sosial_kultural','teknis'))");

  await knex.schema.createTable('kompetensi_level', (t) => {
    t.string('kompetensi_kode', 10).notNullable().references('kompetensi.kode').onUpdate('CASCADE');
    t.smallint('level').notNullable();
    t.text('deskripsi').notNullable();
    t.text('indikator').notNullable(); // one indicator per line
    t.primary(['kompetensi_kode', 'level']);
  });
  await knex.raw('ALTER TABLE kompetensi_level ADD CHECK (level BETWEEN 1 AND 5)');

  // The standard level of each competency for each jenis jabatan.
  await knex.schema.createTable('standar_kompetensi', (t) => {
    t.string('jenis_jabatan_kode', 40).notNullable().references('jenis_jabatan.kode').onUpdate('CASCADE');
    t.string('kompetensi_kode', 10).notNullable().references('kompetensi.kode').onUpdate('CASCADE');
    t.smallint('level').notNullable();
    t.primary(['jenis_jabatan_kode', 'kompetensi_kode']);
  });
  await knex.raw('ALTER TABLE standar_kompetensi ADD CHECK (level BETWEEN 1 AND 5)');

  await knex.schema.createTable('bentuk_pengembangan', (t) => {
    t.string('kode', 60).primary();
    t.string('jalur', 20).notNullable();
    t.string('nama', 200).notNullable();
    t.string('panduan_jp', 200);
    t.decimal('jp_per_hari_maks', 5, 1); // guidance only: warn, never refuse
    t.string('jenis_diklat_siasn', 100); // mapping to the national course type
    t.smallint('urutan').notNullable().defaultTo(0);
    t.boolean('aktif').notNullable().defaultTo(true);
  });
  await knex.raw(`ALTER TABLE bentuk_pengembangan ADD CHECK (jalur IN ${JALUR})`);

  await knex.schema.createTable('sumber_dana', (t) => {
    t.string('kode', 20).primary();
    t.string('nama', 100).notNullable();
    t.smallint('urutan').notNullable().defaultTo(0);
    t.boolean('aktif').notNullable().defaultTo(true);
  });

  await knex.schema.createTable('pegawai', (t) => {
    t.increments('id');
    t.string('nip', 18).notNullable().unique();
    t.string('nama', 150).notNullable();
    t.string('email', 254);
    t.string('jabatan', 200);
    t.string('jenis_jabatan_kode', 40).references('jenis_jabatan.kode').onUpdate('CASCADE');
    t.integer('instansi_id').notNullable().references('instansi.id');
    t.integer('atasan_id').references('pegawai.id');
    t.string('peran', 10).notNullable().defaultTo('pegawai');
    t.string('password_hash', 100).notNullable();
    t.boolean('harus_ganti_password').notNullable().defaultTo(false);
    t.integer('gagal_login').notNullable().defaultTo(0);
    t.timestamp('gagal_login_sejak', { useTz: true });
    t.timestamp('terkunci_sampai', { useTz: true });
    t.boolean('aktif').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['atasan_id']);
    t.index(['instansi_id']);
  });
  await knex.raw("ALTER TABLE pegawai ADD CHECK (nip ~ '^[0-9]{18}$')");
  await knex.raw("ALTER TABLE pegawai ADD CHECK (peran IN ('pegawai','bkpsdm','admin'))");
  await knex.raw('ALTER TABLE pegawai ADD CHECK (atasan_id IS NULL OR atasan_id <> id)');
  await knex.raw('ALTER TABLE pegawai ADD CHECK (gagal_login >= 0)');

  await knex.schema.createTable('periode', (t) => {
    t.integer('tahun').primary();
    t.date('batas_pengajuan').notNullable();
    t.integer('diubah_oleh').references('pegawai.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE periode ADD CHECK (tahun BETWEEN 2000 AND 2100)');

  await knex.schema.createTable('periode_riwayat', (t) => {
    t.increments('id');
    t.integer('tahun').notNullable().references('periode.tahun');
    t.date('batas_lama');
    t.date('batas_baru').notNullable();
    t.integer('oleh').references('pegawai.id');
    t.text('alasan');
    t.timestamp('waktu', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // The plan header: one submission of the plan form.
  await knex.schema.createTable('pengajuan', (t) => {
    t.increments('id');
    t.integer('pegawai_id').notNullable().references('pegawai.id');
    t.integer('tahun').notNullable().references('periode.tahun');
    t.string('jalur', 20).notNullable();
    t.string('jenis_jabatan_kode', 40).notNullable().references('jenis_jabatan.kode').onUpdate('CASCADE');
    t.string('email', 254).notNullable();
    t.decimal('penilaian_kinerja', 5, 2).notNullable();
    t.string('kesenjangan_kinerja', 20).notNullable();
    t.jsonb('skj').notNullable(); // snapshot: [{kode, nama, level, standar, gap}]
    t.string('prioritas', 200).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['pegawai_id', 'tahun']);
  });
  await knex.raw(`ALTER TABLE pengajuan ADD CHECK (jalur IN ${JALUR})`);
  await knex.raw('ALTER TABLE pengajuan ADD CHECK (penilaian_kinerja BETWEEN 0 AND 100)');
  await knex.raw("ALTER TABLE pengajuan ADD CHECK (kesenjangan_kinerja IN ('tidak_ada','rendah','sedang','tinggi'))");

  await knex.schema.createTable('berkas', (t) => {
    t.increments('id');
    t.string('nama', 255).notNullable();
    t.string('tipe', 100).notNullable();
    t.integer('ukuran').notNullable();
    t.string('sha256', 64).notNullable();
    t.binary('isi').notNullable();
    t.integer('diunggah_oleh').notNullable().references('pegawai.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE berkas ADD CHECK (ukuran >= 0 AND ukuran <= 5242880)');

  // One training of a plan: the unit of the status machine.
  await knex.schema.createTable('rincian', (t) => {
    t.increments('id');
    t.integer('pengajuan_id').notNullable().references('pengajuan.id');
    t.integer('pegawai_id').notNullable().references('pegawai.id');
    t.integer('tahun').notNullable();
    t.string('jalur', 20).notNullable();
    t.string('bentuk_kode', 60).notNullable().references('bentuk_pengembangan.kode').onUpdate('CASCADE');
    t.integer('jp').notNullable();
    t.date('tanggal').notNullable();
    t.string('materi', 500).notNullable();
    t.decimal('anggaran', 15, 2).notNullable();
    t.string('lembaga', 200).notNullable();
    t.string('sumber_dana_kode', 20).notNullable().references('sumber_dana.kode').onUpdate('CASCADE');
    t.string('alasan', 1000).notNullable();
    t.string('program_studi', 200);
    t.string('jenjang', 20);
    t.string('perguruan_tinggi', 200);
    t.string('status', 12).notNullable().defaultTo('konsep');
    t.string('alasan_keputusan', 1000);
    t.integer('diputuskan_oleh').references('pegawai.id');
    t.timestamp('diputuskan_at', { useTz: true });
    t.timestamp('dikirim_at', { useTz: true });
    // realisasi
    t.date('tanggal_mulai');
    t.date('tanggal_selesai');
    t.string('detail_materi', 2000);
    t.string('tempat', 300);
    t.string('frekuensi_laporan', 10);
    t.decimal('biaya_realisasi', 15, 2);
    t.timestamp('dimulai_at', { useTz: true });
    t.timestamp('selesai_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['pegawai_id', 'tahun', 'status']);
    t.index(['pengajuan_id']);
    t.index(['tahun', 'status']);
  });
  await knex.raw(`ALTER TABLE rincian ADD CHECK (jalur IN ${JALUR})`);
  await knex.raw(`ALTER TABLE rincian ADD CHECK (status IN ${STATUS_RINCIAN})`);
  await knex.raw('ALTER TABLE rincian ADD CHECK (jp > 0 AND jp <= 1000)');
  await knex.raw('ALTER TABLE rincian ADD CHECK (anggaran >= 0 AND anggaran <= 1000000000000)');
  await knex.raw('ALTER TABLE rincian ADD CHECK (biaya_realisasi IS NULL OR biaya_realisasi >= 0)');
  await knex.raw(
    "ALTER TABLE rincian ADD CHECK (frekuensi_laporan IS NULL OR frekuensi_laporan IN ('sekali','harian','mingguan','bulanan','tahunan'))",
  );
  await knex.raw('ALTER TABLE rincian ADD CHECK (tanggal_selesai IS NULL OR tanggal_selesai >= tanggal_mulai)');
  await knex.raw(
    "ALTER TABLE rincian ADD CHECK (status NOT IN ('berjalan','selesai') OR (tanggal_mulai IS NOT NULL AND tanggal_selesai IS NOT NULL AND frekuensi_laporan IS NOT NULL))",
  );
  // The verification queue: items waiting, by owner.
  await knex.raw("CREATE INDEX rincian_dikirim_idx ON rincian (pegawai_id, dikirim_at) WHERE status = 'dikirim'");

  await knex.schema.createTable('laporan', (t) => {
    t.increments('id');
    t.integer('rincian_id').notNullable().references('rincian.id');
    t.date('tanggal').notNullable();
    t.integer('jp').notNullable();
    t.boolean('dengan_sertifikat').notNullable().defaultTo(false);
    t.string('nomor_sertifikat', 100);
    t.integer('sertifikat_berkas_id').references('berkas.id');
    t.string('deskripsi', 4000).notNullable().defaultTo('');
    t.boolean('akhir').notNullable().defaultTo(false);
    t.integer('dibuat_oleh').notNullable().references('pegawai.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['rincian_id']);
  });
  await knex.raw('ALTER TABLE laporan ADD CHECK (jp >= 0 AND jp <= 10000)');
  await knex.raw('ALTER TABLE laporan ADD CHECK (NOT dengan_sertifikat OR nomor_sertifikat IS NOT NULL)');

  await knex.schema.createTable('rekomendasi', (t) => {
    t.increments('id');
    t.integer('pegawai_id').notNullable().references('pegawai.id');
    t.string('jalur', 20).notNullable();
    t.string('nama_pelatihan', 300).notNullable();
    t.string('jenis_pelatihan', 300).notNullable();
    t.string('lembaga', 200).notNullable();
    t.date('tanggal_mulai').notNullable();
    t.date('tanggal_selesai').notNullable();
    t.decimal('biaya', 15, 2).notNullable().defaultTo(0);
    t.string('sumber_biaya', 12).notNullable();
    t.integer('rincian_id').references('rincian.id');
    t.integer('surat_usulan_id').references('berkas.id');
    t.integer('surat_pemanggilan_id').references('berkas.id');
    t.boolean('pernyataan').notNullable().defaultTo(false);
    t.string('status', 10).notNullable().defaultTo('konsep');
    t.string('alasan_keputusan', 1000);
    t.integer('diputuskan_oleh').references('pegawai.id');
    t.timestamp('diputuskan_at', { useTz: true });
    t.string('nomor_surat', 100).unique();
    t.date('tanggal_surat');
    t.timestamp('dikirim_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['pegawai_id', 'status']);
    t.index(['status', 'dikirim_at']);
  });
  await knex.raw("ALTER TABLE rekomendasi ADD CHECK (jalur IN ('klasikal','non_klasikal'))");
  await knex.raw(`ALTER TABLE rekomendasi ADD CHECK (status IN ${STATUS_REKOMENDASI})`);
  await knex.raw("ALTER TABLE rekomendasi ADD CHECK (sumber_biaya IN ('pd','bkpsdm','tanpa_biaya'))");
  await knex.raw('ALTER TABLE rekomendasi ADD CHECK (tanggal_selesai >= tanggal_mulai)');
  await knex.raw('ALTER TABLE rekomendasi ADD CHECK (biaya >= 0 AND biaya <= 1000000000000)');
  await knex.raw(
    "ALTER TABLE rekomendasi ADD CHECK (status IN ('konsep','dihapus') OR (pernyataan AND surat_usulan_id IS NOT NULL AND surat_pemanggilan_id IS NOT NULL))",
  );

  // Per-year letter numbers: UPDATE … RETURNING hands out each number once, even under concurrency.
  await knex.schema.createTable('nomor_surat_urut', (t) => {
    t.integer('tahun').primary();
    t.integer('terakhir').notNullable().defaultTo(0);
  });

  // Every status change of a rincian or a rekomendasi: who, when, from, to, why.
  await knex.schema.createTable('riwayat_status', (t) => {
    t.bigIncrements('id');
    t.integer('rincian_id').references('rincian.id');
    t.integer('rekomendasi_id').references('rekomendasi.id');
    t.string('aksi', 20).notNullable();
    t.string('dari', 12);
    t.string('ke', 12).notNullable();
    t.string('alasan', 1000);
    t.integer('oleh').notNullable().references('pegawai.id');
    t.integer('atas_nama').references('pegawai.id'); // Plt: decided on behalf of this atasan
    t.timestamp('waktu', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['rincian_id']);
    t.index(['rekomendasi_id']);
  });
  await knex.raw('ALTER TABLE riwayat_status ADD CHECK (num_nonnulls(rincian_id, rekomendasi_id) = 1)');

  // Stand-in verifiers (Plt).
  await knex.schema.createTable('plt', (t) => {
    t.increments('id');
    t.integer('atasan_id').notNullable().references('pegawai.id');
    t.integer('pengganti_id').notNullable().references('pegawai.id');
    t.date('mulai').notNullable();
    t.date('selesai').notNullable();
    t.string('keterangan', 500);
    t.integer('dibuat_oleh').notNullable().references('pegawai.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['pengganti_id', 'mulai', 'selesai']);
  });
  await knex.raw('ALTER TABLE plt ADD CHECK (selesai >= mulai AND atasan_id <> pengganti_id)');

  await knex.schema.createTable('notifikasi', (t) => {
    t.bigIncrements('id');
    t.integer('pegawai_id').notNullable().references('pegawai.id');
    t.string('judul', 200).notNullable();
    t.string('pesan', 2000).notNullable();
    t.string('tautan', 300);
    t.timestamp('dibaca_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE INDEX notifikasi_pegawai_idx ON notifikasi (pegawai_id, created_at DESC)');
  await knex.raw('CREATE INDEX notifikasi_belum_dibaca_idx ON notifikasi (pegawai_id) WHERE dibaca_at IS NULL');

  // E-mail is written here in the same transaction as the change; a worker delivers it.
  await knex.schema.createTable('email_outbox', (t) => {
    t.bigIncrements('id');
    t.string('kepada', 254).notNullable();
    t.string('subjek', 300).notNullable();
    t.text('isi').notNullable();
    t.string('status', 10).notNullable().defaultTo('menunggu');
    t.integer('percobaan').notNullable().defaultTo(0);
    t.timestamp('coba_lagi_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('dikunci_sampai', { useTz: true });
    t.text('error_terakhir');
    t.timestamp('terkirim_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw("ALTER TABLE email_outbox ADD CHECK (status IN ('menunggu','terkirim','gagal'))");
  await knex.raw("CREATE INDEX email_outbox_menunggu_idx ON email_outbox (coba_lagi_at) WHERE status = 'menunggu'");

  await knex.schema.createTable('reset_password', (t) => {
    t.increments('id');
    t.integer('pegawai_id').notNullable().references('pegawai.id');
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('berlaku_sampai', { useTz: true }).notNullable();
    t.timestamp('dipakai_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Letter settings and other values BKPSDM can edit.
  await knex.schema.createTable('pengaturan', (t) => {
    t.string('kunci', 60).primary();
    t.text('nilai').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Changes to master data and accounts: who, when, what.
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.integer('oleh').references('pegawai.id');
    t.string('aksi', 60).notNullable();
    t.string('entitas', 60).notNullable();
    t.string('entitas_id', 60);
    t.jsonb('data');
    t.timestamp('waktu', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // express-session store (connect-session-knex layout).
  await knex.schema.createTable('sessions', (t) => {
    t.string('sid', 255).primary();
    t.json('sess').notNullable();
    t.timestamp('expired', { useTz: true }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'sessions',
    'audit_log',
    'pengaturan',
    'reset_password',
    'email_outbox',
    'notifikasi',
    'plt',
    'riwayat_status',
    'nomor_surat_urut',
    'rekomendasi',
    'laporan',
    'rincian',
    'berkas',
    'pengajuan',
    'periode_riwayat',
    'periode',
    'pegawai',
    'sumber_dana',
    'bentuk_pengembangan',
    'standar_kompetensi',
    'kompetensi_level',
    'kompetensi',
    'jenis_jabatan',
    'instansi',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
