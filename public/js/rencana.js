// The plan form, made livelier: SKJ descriptions and gaps, the kinerja band, the priority,
// JP guidance per bentuk, adding and removing rows. Without it the server does the same on submit.
(function () {
  const form = document.getElementById('form-rencana');
  if (!form) return;
  const standar = JSON.parse(document.getElementById('data-standar').textContent || '{}');
  const jenis = document.getElementById('f-jenis_jabatan');
  const kinerja = document.getElementById('f-penilaian_kinerja');
  const bandEl = form.querySelector('[data-band-kinerja]');
  const prioritasEl = form.querySelector('[data-prioritas]');
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

  function band(v) {
    if (v >= 91) return ['tidak_ada', 'Tidak ada kesenjangan kinerja'];
    if (v >= 76) return ['rendah', 'Kesenjangan kinerja rendah'];
    if (v >= 61) return ['sedang', 'Kesenjangan kinerja sedang'];
    return ['tinggi', 'Kesenjangan kinerja tinggi'];
  }
  function nilaiKinerja() {
    const s = kinerja.value.trim();
    if (!/^\d{1,3}([.,]\d+)?$/.test(s)) return null;
    const v = Number(s.replace(',', '.'));
    return v >= 0 && v <= 100 ? v : null;
  }

  function perbarui() {
    const std = standar[jenis.value] || {};
    let adaGap = false;
    let lengkap = true;
    form.querySelectorAll('tr[data-skj]').forEach((tr) => {
      const kode = tr.getAttribute('data-skj');
      const sel = tr.querySelector('select');
      const opt = sel.selectedOptions[0];
      const level = Number(sel.value) || 0;
      const s = std[kode];
      tr.querySelector('[data-standar-sel]').textContent = s || '-';
      const desk = tr.querySelector('[data-deskripsi-sel]');
      if (level && opt) {
        const ind = (opt.getAttribute('data-indikator') || '').split('\n').map((x) => `<li>${esc(x)}</li>`).join('');
        desk.innerHTML = `<div>${esc(opt.getAttribute('data-deskripsi'))}</div><ul class="mb-0 ps-3 text-muted">${ind}</ul>`;
      } else {
        desk.innerHTML = '<span class="text-muted">Pilih level untuk melihat deskripsi.</span>';
        lengkap = false;
      }
      const gapEl = tr.querySelector('[data-gap-sel]');
      if (s && level) {
        const g = s - level;
        if (g > 0) adaGap = true;
        gapEl.innerHTML = `<span class="badge ${g > 0 ? 'text-bg-danger' : 'text-bg-success'}">${g > 0 ? g : 'Tidak ada'}</span>`;
      } else gapEl.textContent = '-';
    });
    const v = nilaiKinerja();
    const b = v === null ? null : band(v);
    bandEl.innerHTML = b ? `<span class="badge text-bg-info">${b[1]}</span>` : '';
    if (!jenis.value || !lengkap || !b) {
      prioritasEl.textContent = 'Lengkapi jenis jabatan, SKJ, dan penilaian kinerja untuk melihat saran prioritas pengembangan.';
    } else {
      const gk = b[0] !== 'tidak_ada';
      prioritasEl.innerHTML =
        '<strong>Saran prioritas:</strong> ' +
        (adaGap && gk
          ? 'prioritas tertinggi — ada kesenjangan kompetensi dan kinerja.'
          : adaGap
            ? 'kesenjangan kompetensi — utamakan pelatihan.'
            : gk
              ? 'kesenjangan kinerja — utamakan non-pelatihan (coaching, mentoring).'
              : 'tidak ada kesenjangan — pengembangan karier.');
    }
  }

  function panduan(sel) {
    const opt = sel.selectedOptions[0];
    const p = opt && opt.getAttribute('data-panduan');
    const help = sel.closest('[data-baris]').querySelector('[data-panduan-jp]');
    if (help) help.textContent = p ? `Panduan: ${p}` : '1 JP = 45 menit';
  }

  const daftar = document.getElementById('daftar-baris');
  const template = document.getElementById('template-baris');
  const tambah = document.getElementById('tombol-tambah');
  let berikut = daftar.querySelectorAll('[data-baris]').length;
  function nomori() {
    const semua = daftar.querySelectorAll('[data-baris]');
    semua.forEach((f, i) => (f.querySelector('[data-nomor]').textContent = String(i + 1)));
    tambah.disabled = semua.length >= 20;
  }
  tambah.addEventListener('click', (e) => {
    e.preventDefault();
    const html = template.innerHTML.replace(/__i__/g, String(berikut++));
    daftar.insertAdjacentHTML('beforeend', html);
    nomori();
    const baru = daftar.lastElementChild;
    baru.querySelector('select').focus();
  });
  daftar.addEventListener('click', (e) => {
    const btn = e.target.closest('[data-hapus-baris]');
    if (!btn) return;
    e.preventDefault();
    if (daftar.querySelectorAll('[data-baris]').length <= 1) return;
    btn.closest('[data-baris]').remove();
    nomori();
  });
  daftar.addEventListener('change', (e) => {
    if (e.target.matches('[data-bentuk]')) panduan(e.target);
  });

  form.addEventListener('change', (e) => {
    if (e.target.closest('#tabel-skj') || e.target === jenis) perbarui();
  });
  kinerja.addEventListener('input', perbarui);
  perbarui();
})();
