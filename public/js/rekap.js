// Rekap charts: JP and anggaran per unit. The data comes in a JSON block (CSP allows no inline script).
(function () {
  const el = document.getElementById('data-grafik');
  if (!el || typeof window.Chart === 'undefined') return;
  const data = JSON.parse(el.textContent);
  const rupiah = (v) => 'Rp ' + Number(v).toLocaleString('id-ID', { maximumFractionDigits: 0 });
  const ringkas = (v) => 'Rp ' + Number(v).toLocaleString('id-ID', { notation: 'compact', maximumFractionDigits: 1 });
  const angka = (v) => Number(v).toLocaleString('id-ID');
  function grafik(id, label, nilai, warna, format, sumbu) {
    const canvas = document.getElementById(id);
    if (!canvas) return;
    new window.Chart(canvas, {
      type: 'bar',
      data: { labels: data.label, datasets: [{ label, data: nilai, backgroundColor: warna, borderRadius: 3 }] },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `${label}: ${format(c.parsed.x)}` } } },
        scales: { x: { beginAtZero: true, ticks: { callback: (v) => (sumbu || format)(v), maxRotation: 0, autoSkip: true } } },
      },
    });
  }
  grafik('grafik-jp', 'JP', data.jp, '#b45f06', angka);
  grafik('grafik-anggaran', 'Anggaran', data.anggaran, '#741b47', rupiah, ringkas);
})();
