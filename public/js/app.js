// Progressive enhancement only: every action also works without JavaScript.

// Forms (or one of their buttons) that ask first. A form that is not valid yet goes to the server
// without asking: the page comes back with its errors, and the question comes once it is right.
document.addEventListener('submit', (e) => {
  const tombol = e.submitter && e.submitter.hasAttribute('data-confirm') ? e.submitter : null;
  const pesan = (tombol || e.target).getAttribute('data-confirm');
  if (!pesan || (e.submitter && e.submitter.hasAttribute('formnovalidate'))) return;
  if (!e.target.checkValidity()) return;
  if (!window.confirm(pesan)) e.preventDefault();
});

// Action links: without JavaScript they open a confirmation page (GET); with it, a dialog, then POST.
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-post]');
  if (!a) return;
  e.preventDefault();
  if (!window.confirm(a.getAttribute('data-post'))) return;
  const form = document.createElement('form');
  form.method = 'post';
  form.action = a.getAttribute('href');
  const token = document.querySelector('meta[name="csrf-token"]');
  const input = document.createElement('input');
  input.type = 'hidden';
  input.name = '_csrf';
  input.value = token ? token.getAttribute('content') : '';
  form.appendChild(input);
  document.body.appendChild(form);
  form.submit();
});

// Links that ask first and then go on (Mulai: "Apa anda yakin untuk memulai diklat ini?").
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-tanya]');
  if (!a) return;
  e.preventDefault();
  if (window.confirm(a.getAttribute('data-tanya'))) window.location.href = a.getAttribute('data-lanjut') || a.href;
});

document.querySelectorAll('[data-kembali]').forEach((a) =>
  a.addEventListener('click', (e) => {
    if (history.length > 1) {
      e.preventDefault();
      history.back();
    }
  }),
);
const ringkasan = document.getElementById('ringkasan-galat');
if (ringkasan) ringkasan.focus();
