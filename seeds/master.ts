import type { Knex } from 'knex';

// The master lists of DOMAIN.md. Inserted when missing, never overwritten: BKPSDM edits them.

export const JENIS_JABATAN: { kode: string; nama: string; kelompok: string; level: number }[] = [
  { kode: 'jpt-utama', nama: 'JPT Utama', kelompok: 'Jabatan Pimpinan Tinggi', level: 5 },
  { kode: 'jpt-madya', nama: 'JPT Madya', kelompok: 'Jabatan Pimpinan Tinggi', level: 5 },
  { kode: 'jpt-pratama', nama: 'JPT Pratama', kelompok: 'Jabatan Pimpinan Tinggi', level: 4 },
  { kode: 'administrator', nama: 'Administrator', kelompok: 'Jabatan Administrasi', level: 3 },
  { kode: 'pengawas', nama: 'Pengawas', kelompok: 'Jabatan Administrasi', level: 2 },
  { kode: 'pelaksana', nama: 'Pelaksana', kelompok: 'Jabatan Administrasi', level: 1 },
  { kode: 'ahli-utama', nama: 'Fungsional Ahli Utama', kelompok: 'Jabatan Fungsional Keahlian', level: 4 },
  { kode: 'ahli-madya', nama: 'Fungsional Ahli Madya', kelompok: 'Jabatan Fungsional Keahlian', level: 3 },
  { kode: 'ahli-muda', nama: 'Fungsional Ahli Muda', kelompok: 'Jabatan Fungsional Keahlian', level: 2 },
  { kode: 'ahli-pertama', nama: 'Fungsional Ahli Pertama', kelompok: 'Jabatan Fungsional Keahlian', level: 1 },
  { kode: 'penyelia', nama: 'Fungsional Penyelia', kelompok: 'Jabatan Fungsional Keterampilan', level: 1 },
  { kode: 'mahir', nama: 'Fungsional Mahir', kelompok: 'Jabatan Fungsional Keterampilan', level: 1 },
  { kode: 'terampil', nama: 'Fungsional Terampil', kelompok: 'Jabatan Fungsional Keterampilan', level: 1 },
  { kode: 'pemula', nama: 'Fungsional Pemula', kelompok: 'Jabatan Fungsional Keterampilan', level: 1 },
];

type Level = [deskripsi: string, indikator: string[]];
export const KOMPETENSI: { kode: string; nama: string; kelompok: string; level: Level[] }[] = [
  {
    kode: 'M.01',
    nama: 'Integritas',
    kelompok: 'manajerial',
    level: [
      [
        'Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi',
        [
          'Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta',
          'Melaksanakan peraturan dan kode etik organisasi dalam lingkungan kerja sehari-hari',
          'Tidak menjanjikan atau memberikan sesuatu yang bertentangan dengan aturan organisasi',
        ],
      ],
      [
        'Mampu mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan etika organisasi',
        [
          'Mengingatkan rekan kerja untuk bertindak sesuai dengan nilai, norma, dan etika organisasi',
          'Menjadi contoh dalam perilaku sesuai nilai dan etika organisasi',
          'Menyampaikan informasi yang apa adanya kepada atasan',
        ],
      ],
      [
        'Mampu memastikan dan menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai nilai, norma, dan etika organisasi',
        [
          'Memastikan anggota yang dipimpin bertindak sesuai nilai, norma, dan etika organisasi',
          'Mampu bertindak sesuai nilai organisasi dan etika meskipun ada kesulitan',
          'Melaksanakan evaluasi terhadap pelaksanaan nilai dan etika organisasi',
        ],
      ],
      [
        'Mampu menciptakan situasi kerja yang membuat rekan kerja, kolega, dan bawahan mematuhi nilai, norma, dan etika organisasi',
        [
          'Menciptakan situasi kerja yang mendorong kepatuhan pada nilai dan etika organisasi',
          'Memberikan apresiasi dan teguran bagi yang menampilkan atau mengabaikan nilai organisasi',
          'Memberikan contoh integritas secara konsisten',
        ],
      ],
      [
        'Mampu menjadi role model dalam penerapan standar keadilan dan etika di tingkat nasional',
        [
          'Mempromosikan standar keadilan dan etika di tingkat nasional',
          'Membuat konsep kebijakan dan strategi penerapan integritas dalam pelaksanaan tugas',
          'Menjadi panutan integritas bagi pemangku kepentingan',
        ],
      ],
    ],
  },
  {
    kode: 'M.02',
    nama: 'Kerjasama',
    kelompok: 'manajerial',
    level: [
      [
        'Berpartisipasi dalam kelompok kerja',
        [
          'Berpartisipasi sebagai anggota tim yang baik dan melakukan tugas sesuai bagiannya',
          'Mendukung keputusan kelompok',
          'Menghargai pendapat dan masukan orang lain',
        ],
      ],
      [
        'Menumbuhkan tim kerja yang partisipatif dan efektif',
        [
          'Membantu orang lain dalam menyelesaikan tugas-tugas mereka',
          'Berbagi informasi yang relevan atau bermanfaat pada anggota tim',
          'Mempertimbangkan masukan dan keahlian anggota tim',
        ],
      ],
      [
        'Efektif membangun tim kerja untuk peningkatan kinerja organisasi',
        [
          'Melihat kekuatan dan kelemahan anggota tim, membentuk tim yang tepat',
          'Membangun komitmen tim untuk mencapai tujuan bersama',
          'Menyelesaikan permasalahan dalam tim',
        ],
      ],
      [
        'Membangun komitmen tim dan sinergi',
        [
          'Membangun sinergi antar unit kerja di lingkup instansi',
          'Memfasilitasi kepentingan yang berbeda dari unit kerja lain',
          'Menciptakan situasi kerja yang saling mendukung',
        ],
      ],
      [
        'Menciptakan hubungan kerja yang saling mendukung di tingkat nasional',
        [
          'Menciptakan hubungan kerja yang konstruktif antar instansi',
          'Membangun konsensus dengan pemangku kepentingan',
          'Menggalang kerjasama di tingkat nasional',
        ],
      ],
    ],
  },
  {
    kode: 'M.03',
    nama: 'Komunikasi',
    kelompok: 'manajerial',
    level: [
      [
        'Menyampaikan informasi dengan jelas, lengkap, dan pemahaman yang sama',
        [
          'Menyampaikan informasi secara lisan dan tertulis dengan jelas',
          'Aktif mendengarkan dan bertanya untuk memastikan pemahaman',
          'Menggunakan bahasa yang sesuai dengan lawan bicara',
        ],
      ],
      [
        'Aktif menjalankan komunikasi secara formal dan informal',
        [
          'Bersedia mendengarkan orang lain dan menanggapi dengan tepat',
          'Menyusun materi presentasi, naskah, atau laporan',
          'Menjaga alur komunikasi dua arah',
        ],
      ],
      [
        'Berkomunikasi secara asertif dan terampil menyampaikan informasi yang sensitif atau rumit',
        [
          'Menyampaikan informasi yang sensitif atau kompleks dengan cara yang dapat diterima',
          'Menggunakan gaya komunikasi yang sesuai dengan situasi',
          'Membangun jejaring komunikasi',
        ],
      ],
      [
        'Mampu mengemukakan pemikiran multidimensi untuk mendorong kesepakatan',
        [
          'Mengemukakan pemikiran multidimensi secara lisan dan tertulis',
          'Mendorong kesepakatan untuk meningkatkan kinerja organisasi',
          'Mengelola komunikasi dengan pemangku kepentingan',
        ],
      ],
      [
        'Menggagas sistem komunikasi yang terbuka secara strategis',
        [
          'Menggagas sistem komunikasi yang terbuka untuk mencari solusi',
          'Menyampaikan kebijakan strategis kepada publik',
          'Menjadi juru bicara organisasi di tingkat nasional',
        ],
      ],
    ],
  },
  {
    kode: 'M.04',
    nama: 'Orientasi pada Hasil',
    kelompok: 'manajerial',
    level: [
      [
        'Bertanggung jawab untuk memenuhi standar kerja',
        [
          'Menyelesaikan tugas dengan tuntas',
          'Bekerja sesuai standar yang ditetapkan',
          'Bekerja keras untuk mencapai target yang ditetapkan',
        ],
      ],
      [
        'Berupaya meningkatkan hasil kerja pribadi lebih tinggi dari standar',
        [
          'Menetapkan target kerja pribadi yang menantang',
          'Mencari dan mencoba metode alternatif untuk peningkatan kinerja',
          'Memantau hasil kerja sendiri',
        ],
      ],
      [
        'Menetapkan target kerja yang menantang bagi unit kerja',
        [
          'Menetapkan target unit kerja yang menantang',
          'Memberi apresiasi dan teguran untuk mendorong kinerja',
          'Mengembangkan metode kerja yang lebih efektif',
        ],
      ],
      [
        'Mendorong unit kerja mencapai atau melebihi target',
        [
          'Mendorong unit kerja mencapai target yang ditetapkan',
          'Memantau dan mengevaluasi hasil kerja unit',
          'Mengembangkan strategi untuk mengatasi hambatan kinerja',
        ],
      ],
      [
        'Menciptakan situasi kerja yang mendorong pencapaian target organisasi',
        [
          'Menciptakan situasi kerja yang mendorong manajemen kinerja',
          'Mengembangkan sistem pengukuran kinerja organisasi',
          'Memastikan pencapaian target strategis',
        ],
      ],
    ],
  },
  {
    kode: 'M.05',
    nama: 'Pelayanan Publik',
    kelompok: 'manajerial',
    level: [
      [
        'Menjalankan tugas mengikuti standar pelayanan',
        [
          'Mampu mengerjakan tugas-tugas dengan mengikuti standar pelayanan yang objektif, netral, dan tidak memihak',
          'Menunjukkan sikap yakin dalam mengerjakan tugas pelayanan',
          'Menanggapi keluhan pengguna layanan dengan baik',
        ],
      ],
      [
        'Mampu mensupervisi dan menjelaskan proses pelayanan secara transparan',
        [
          'Menunjukkan sikap transparan dalam pelayanan',
          'Menjelaskan proses pelaksanaan tugas pelayanan publik',
          'Mengawasi pelaksanaan pelayanan',
        ],
      ],
      [
        'Memanfaatkan kekuatan kelompok untuk memperbaiki standar pelayanan',
        [
          'Memahami, mendeskripsikan pengaruh dan hubungan kekuatan kelompok',
          'Memperbaiki standar pelayanan di lingkup unit kerja',
          'Mengelola umpan balik pengguna layanan',
        ],
      ],
      [
        'Memonitor dan mengantisipasi dampak isu jangka panjang pada pelayanan',
        [
          'Memonitor dan mengevaluasi pelayanan publik',
          'Mengantisipasi dampak isu jangka panjang',
          'Menjamin pelayanan yang transparan, objektif, dan profesional',
        ],
      ],
      [
        'Memastikan kebijakan pelayanan publik yang objektif dan netral',
        [
          'Menyusun kebijakan pelayanan publik yang tidak diskriminatif',
          'Memastikan pelayanan tidak terpengaruh kepentingan pribadi atau golongan',
          'Menjadi rujukan pelayanan publik di tingkat nasional',
        ],
      ],
    ],
  },
  {
    kode: 'M.06',
    nama: 'Pengembangan Diri dan Orang Lain',
    kelompok: 'manajerial',
    level: [
      [
        'Pengembangan diri',
        ['Mengidentifikasi kebutuhan pengembangan diri', 'Menyeleksi sumber belajar yang sesuai', 'Memanfaatkan kesempatan belajar'],
      ],
      [
        'Meningkatkan kemampuan bawahan dengan contoh dan penjelasan',
        [
          'Meningkatkan kemampuan bawahan dengan memberikan contoh',
          'Menjelaskan cara melaksanakan suatu pekerjaan',
          'Mendorong rekan kerja untuk belajar',
        ],
      ],
      [
        'Memberikan umpan balik dan membimbing',
        [
          'Memberikan tugas-tugas yang menantang untuk pengembangan',
          'Mengamati dan memberi umpan balik',
          'Membimbing bawahan secara berkala',
        ],
      ],
      [
        'Menyusun program pengembangan jangka panjang',
        [
          'Menyusun program pengembangan jangka panjang unit kerja',
          'Mendorong manajemen pembelajaran',
          'Memimpin dialog atasan–bawahan tentang pengembangan',
        ],
      ],
      [
        'Menciptakan organisasi pembelajar',
        [
          'Menciptakan situasi yang mendorong pembelajaran berkelanjutan',
          'Menyusun kebijakan pengembangan kompetensi',
          'Memastikan pengembangan talenta organisasi',
        ],
      ],
    ],
  },
  {
    kode: 'M.07',
    nama: 'Mengelola Perubahan',
    kelompok: 'manajerial',
    level: [
      [
        'Mengikuti perubahan dengan arahan',
        [
          'Sadar mengenai perubahan yang terjadi di organisasi',
          'Mengikuti perubahan dengan arahan atasan',
          'Menyesuaikan cara kerja lama dengan yang baru',
        ],
      ],
      [
        'Proaktif beradaptasi mengikuti perubahan',
        [
          'Menyesuaikan cara kerja dengan perubahan secara proaktif',
          'Mempelajari keterampilan baru yang dibutuhkan',
          'Memberi masukan atas perubahan',
        ],
      ],
      [
        'Membantu orang lain mengikuti perubahan',
        [
          'Membantu orang lain dalam melaksanakan perubahan',
          'Mengantisipasi perubahan secara tepat',
          'Mengidentifikasi dampak perubahan bagi unit kerja',
        ],
      ],
      [
        'Memimpin perubahan pada unit kerja',
        [
          'Mengarahkan unit kerja melalui perubahan',
          'Mengelola hambatan dan penolakan terhadap perubahan',
          'Memantau pelaksanaan perubahan',
        ],
      ],
      [
        'Mengarahkan perubahan di tingkat institusi',
        [
          'Merancang strategi perubahan organisasi',
          'Membangun komitmen pemangku kepentingan atas perubahan',
          'Menjadi agen perubahan di tingkat nasional',
        ],
      ],
    ],
  },
  {
    kode: 'M.08',
    nama: 'Pengambilan Keputusan',
    kelompok: 'manajerial',
    level: [
      [
        'Mengumpulkan informasi untuk bertindak sesuai kewenangan',
        [
          'Mengumpulkan dan mempertimbangkan informasi yang dibutuhkan',
          'Mengambil keputusan sesuai kewenangan',
          'Menyampaikan masalah di luar kewenangan kepada atasan',
        ],
      ],
      [
        'Menganalisis masalah secara mendalam',
        [
          'Melakukan analisis secara mendalam terhadap informasi',
          'Mengidentifikasi alternatif penyelesaian',
          'Membuat keputusan operasional',
        ],
      ],
      [
        'Membandingkan alternatif dan menyeimbangkan risiko',
        [
          'Membandingkan berbagai alternatif tindakan',
          'Menyeimbangkan risiko keberhasilan implementasi',
          'Membuat keputusan yang dapat dipertanggungjawabkan',
        ],
      ],
      [
        'Menyelesaikan masalah yang mengandung risiko tinggi',
        ['Menyelesaikan masalah berisiko tinggi', 'Mengantisipasi dampak keputusan', 'Melakukan mitigasi risiko'],
      ],
      [
        'Menghasilkan solusi untuk permasalahan jangka panjang dan strategis',
        [
          'Mengambil keputusan strategis berdampak luas',
          'Menghasilkan solusi permasalahan jangka panjang',
          'Menetapkan kebijakan berdampak nasional',
        ],
      ],
    ],
  },
  {
    kode: 'SK.01',
    nama: 'Perekat Bangsa',
    kelompok: 'sosial_kultural',
    level: [
      [
        'Peka memahami dan menerima kemajemukan',
        [
          'Mampu memahami dan menerima perbedaan',
          'Menjalin hubungan baik dengan orang dari latar belakang berbeda',
          'Tidak membeda-bedakan dalam bekerja',
        ],
      ],
      [
        'Aktif mengembangkan sikap saling menghargai',
        [
          'Menekankan persamaan dan persatuan',
          'Membantu orang lain menyesuaikan diri dengan perbedaan',
          'Bersikap terbuka terhadap pandangan lain',
        ],
      ],
      [
        'Mempromosikan sikap toleransi dan persatuan',
        [
          'Mempromosikan dan mengembangkan sikap toleransi',
          'Mengidentifikasi potensi konflik karena perbedaan',
          'Membangun suasana kerja yang inklusif',
        ],
      ],
      [
        'Mendayagunakan perbedaan secara konstruktif',
        [
          'Mendayagunakan perbedaan untuk efektivitas organisasi',
          'Menengahi konflik yang berlatar perbedaan',
          'Menciptakan program yang memperkuat persatuan',
        ],
      ],
      [
        'Wakil pemerintah untuk membangun hubungan sosial psikologis',
        [
          'Menjadi wakil pemerintah dalam membangun persatuan',
          'Menyusun kebijakan yang memperkuat keutuhan bangsa',
          'Menjadi panutan perekat bangsa di tingkat nasional',
        ],
      ],
    ],
  },
];

export const BENTUK: { kode: string; jalur: string; nama: string; panduan?: string; maksHari?: number; siasn: string }[] = [
  {
    kode: 'tugas-belajar',
    jalur: 'tugas_belajar',
    nama: 'Tugas Belajar (pendidikan formal)',
    panduan: '20 JP per semester',
    siasn: 'Pendidikan Formal',
  },
  { kode: 'pelatihan-struktural-kepemimpinan', jalur: 'klasikal', nama: 'Pelatihan struktural kepemimpinan', siasn: 'Diklat Struktural' },
  { kode: 'pelatihan-manajerial', jalur: 'klasikal', nama: 'Pelatihan manajerial', siasn: 'Pelatihan Manajerial' },
  { kode: 'pelatihan-teknis', jalur: 'klasikal', nama: 'Pelatihan teknis', siasn: 'Pelatihan Teknis' },
  { kode: 'pelatihan-fungsional', jalur: 'klasikal', nama: 'Pelatihan fungsional', siasn: 'Pelatihan Fungsional' },
  { kode: 'pelatihan-sosial-kultural', jalur: 'klasikal', nama: 'Pelatihan sosial kultural', siasn: 'Pelatihan Sosial Kultural' },
  { kode: 'seminar', jalur: 'klasikal', nama: 'Seminar/konferensi/sarasehan', panduan: '4 JP per hari', maksHari: 4, siasn: 'Seminar' },
  { kode: 'workshop', jalur: 'klasikal', nama: 'Workshop/lokakarya', panduan: '5 JP per hari', maksHari: 5, siasn: 'Workshop' },
  { kode: 'kursus', jalur: 'klasikal', nama: 'Kursus', siasn: 'Kursus' },
  { kode: 'penataran', jalur: 'klasikal', nama: 'Penataran', siasn: 'Penataran' },
  { kode: 'bimbingan-teknis', jalur: 'klasikal', nama: 'Bimbingan teknis', siasn: 'Bimbingan Teknis' },
  { kode: 'sosialisasi', jalur: 'klasikal', nama: 'Sosialisasi', panduan: '4 JP per hari', maksHari: 4, siasn: 'Sosialisasi' },
  { kode: 'klasikal-lainnya', jalur: 'klasikal', nama: 'Jalur klasikal lainnya', siasn: 'Lainnya' },
  { kode: 'coaching', jalur: 'non_klasikal', nama: 'Coaching', panduan: '2 JP per sesi', siasn: 'Coaching' },
  { kode: 'mentoring', jalur: 'non_klasikal', nama: 'Mentoring', panduan: '2 JP per sesi', siasn: 'Mentoring' },
  {
    kode: 'e-learning',
    jalur: 'non_klasikal',
    nama: 'E-learning',
    panduan: 'paling banyak 3 JP per hari',
    maksHari: 3,
    siasn: 'E-Learning',
  },
  { kode: 'pelatihan-jarak-jauh', jalur: 'non_klasikal', nama: 'Pelatihan jarak jauh', siasn: 'Pelatihan Jarak Jauh' },
  { kode: 'detasering', jalur: 'non_klasikal', nama: 'Detasering (secondment)', panduan: '20 JP per kegiatan', siasn: 'Detasering' },
  { kode: 'outbound', jalur: 'non_klasikal', nama: 'Pembelajaran alam terbuka (outbound)', siasn: 'Outbound' },
  {
    kode: 'patok-banding',
    jalur: 'non_klasikal',
    nama: 'Patok banding (benchmarking)',
    panduan: '10 JP per kegiatan',
    siasn: 'Patok Banding',
  },
  {
    kode: 'pertukaran',
    jalur: 'non_klasikal',
    nama: 'Pertukaran PNS dengan pegawai swasta/BUMN/BUMD',
    panduan: '20 JP per kegiatan',
    siasn: 'Pertukaran PNS',
  },
  {
    kode: 'belajar-mandiri',
    jalur: 'non_klasikal',
    nama: 'Belajar mandiri (self development)',
    panduan: 'paling banyak 2 JP per hari',
    maksHari: 2,
    siasn: 'Belajar Mandiri',
  },
  {
    kode: 'komunitas-belajar',
    jalur: 'non_klasikal',
    nama: 'Komunitas belajar',
    panduan: 'paling banyak 2 JP per hari',
    maksHari: 2,
    siasn: 'Komunitas Belajar',
  },
  { kode: 'bimbingan-di-tempat-kerja', jalur: 'non_klasikal', nama: 'Bimbingan di tempat kerja', siasn: 'Bimbingan di Tempat Kerja' },
  { kode: 'magang', jalur: 'non_klasikal', nama: 'Magang/praktik kerja', panduan: '20 JP per kegiatan', siasn: 'Magang' },
  { kode: 'non-klasikal-lainnya', jalur: 'non_klasikal', nama: 'Jalur non klasikal lainnya', siasn: 'Lainnya' },
];

export const SUMBER_DANA = [
  { kode: 'apbn', nama: 'APBN' },
  { kode: 'apbd', nama: 'APBD' },
  { kode: 'blud', nama: 'BLUD' },
  { kode: 'mandiri', nama: 'Mandiri (biaya sendiri)' },
  { kode: 'lainnya', nama: 'Lainnya' },
];

export const PENGATURAN: Record<string, string> = {
  'surat.pemerintah': 'PEMERINTAH PROVINSI KEPULAUAN BANGKA BELITUNG',
  'surat.badan': 'BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA DAERAH',
  'surat.alamat':
    'Kompleks Perkantoran dan Permukiman Terpadu Pemerintah Provinsi Kepulauan Bangka Belitung, Air Itam, Pangkalpinang 33149',
  'surat.kontak': 'Telepon (0717) 439331 · Laman bkpsdmd.babelprov.go.id',
  'surat.kota': 'Pangkalpinang',
  'surat.penandatangan_jabatan': 'Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah',
  'surat.penandatangan_nama': 'Dr. Ir. H. Ahmad Fauzi, M.Si.',
  'surat.penandatangan_nip': '197001011995031001',
  'surat.penandatangan_pangkat': 'Pembina Utama Muda (IV/c)',
  'surat.pola_nomor': '800/{nomor}/BKPSDMD/{tahun}',
  'surat.tembusan':
    'Gubernur Kepulauan Bangka Belitung (sebagai laporan)\nInspektur Provinsi Kepulauan Bangka Belitung\nPegawai yang bersangkutan',
};

export async function seedMaster(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('jenis_jabatan')
      .insert(JENIS_JABATAN.map((j, i) => ({ kode: j.kode, nama: j.nama, kelompok: j.kelompok, urutan: i + 1 })))
      .onConflict('kode')
      .ignore();
    await trx('kompetensi')
      .insert(KOMPETENSI.map((k, i) => ({ kode: k.kode, nama: k.nama, kelompok: k.kelompok, urutan: i + 1 })))
      .onConflict('kode')
      .ignore();
    await trx('kompetensi_level')
      .insert(
        KOMPETENSI.flatMap((k) =>
          k.level.map(([deskripsi, indikator], i) => ({
            kompetensi_kode: k.kode,
            level: i + 1,
            deskripsi,
            indikator: indikator.join('\n'),
          })),
        ),
      )
      .onConflict(['kompetensi_kode', 'level'])
      .ignore();
    await trx('standar_kompetensi')
      .insert(
        JENIS_JABATAN.flatMap((j) => KOMPETENSI.map((k) => ({ jenis_jabatan_kode: j.kode, kompetensi_kode: k.kode, level: j.level }))),
      )
      .onConflict(['jenis_jabatan_kode', 'kompetensi_kode'])
      .ignore();
    await trx('bentuk_pengembangan')
      .insert(
        BENTUK.map((b, i) => ({
          kode: b.kode,
          jalur: b.jalur,
          nama: b.nama,
          panduan_jp: b.panduan ?? null,
          jp_per_hari_maks: b.maksHari ?? null,
          jenis_diklat_siasn: b.siasn,
          urutan: i + 1,
        })),
      )
      .onConflict('kode')
      .ignore();
    await trx('sumber_dana')
      .insert(SUMBER_DANA.map((s, i) => ({ ...s, urutan: i + 1 })))
      .onConflict('kode')
      .ignore();
    await trx('pengaturan')
      .insert(Object.entries(PENGATURAN).map(([kunci, nilai]) => ({ kunci, nilai })))
      .onConflict('kunci')
      .ignore();
  });
}
