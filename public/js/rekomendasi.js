// The rekomendasi form: the cost shares of PD and BKPSDMD show only when both pay. Without
// JavaScript they are always visible, with a hint; the server checks them either way.
(function () {
  const bagian = document.querySelector('[data-bagian-biaya]');
  if (!bagian) return;
  const form = bagian.closest('form');
  const pilihan = form.querySelectorAll('input[name="sumber_biaya"]');
  function perbarui(awal) {
    const checked = form.querySelector('input[name="sumber_biaya"]:checked');
    const bersama = !!checked && checked.value === 'pd_bkpsdm';
    // a share the server refused stays in sight until the user picks a source again
    const tampil = bersama || (awal && !!bagian.querySelector('.is-invalid'));
    bagian.hidden = !tampil;
    // hidden shares are not sent: they belong to "PD dan BKPSDMD" only
    bagian.querySelectorAll('input').forEach((i) => (i.disabled = !tampil));
  }
  pilihan.forEach((r) => r.addEventListener('change', () => perbarui(false)));
  perbarui(true);
})();
