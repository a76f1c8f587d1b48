// Progressive enhancement only: every action also works without JavaScript.

// Forms (or one of their buttons) that ask first. A form that is not valid yet goes to the server
// without asking: the page comes back with its errors, and the question comes once it is right.
// (So a form's HTML checks must never be stricter than the server's rules.) An answered question
// travels as `dikonfirmasi=1`; a page that comes back with errors for another reason keeps it and
// does not ask again. `data-confirm-bila="<id>"`: ask only while that checkbox is ticked.
document.addEventListener('submit', (e) => {
  const form = e.target;
  const tombol = e.submitter && e.submitter.hasAttribute('data-confirm') ? e.submitter : null;
  const pesan = (tombol || form).getAttribute('data-confirm');
  if (!pesan || (e.submitter && e.submitter.hasAttribute('formnovalidate'))) return;
  const bila = !tombol && form.getAttribute('data-confirm-bila');
  if (bila && !(document.getElementById(bila) || {}).checked) return;
  if (form.querySelector('input[name="dikonfirmasi"][value="1"]')) return;
  if (!form.checkValidity()) return;
  if (!window.confirm(pesan)) {
    e.preventDefault();
    return;
  }
  const tanda = document.createElement('input');
  tanda.type = 'hidden';
  tanda.name = 'dikonfirmasi';
  tanda.value = '1';
  form.appendChild(tanda);
});
// A page restored by Back has been sent already: a new send asks again.
window.addEventListener('pageshow', (e) => {
  if (e.persisted) document.querySelectorAll('input[name="dikonfirmasi"]').forEach((i) => i.remove());
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
