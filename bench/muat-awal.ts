import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

// The dashboard's first load as a browser sees it: a logged-in user with an empty cache opens `/`
// (the HTML and every asset it pulls, bytes as transferred: headers and compressed bodies), then
// opens it again in the same browser: how many requests still reach the server.
// Alone against a running app: `npx tsx bench/muat-awal.ts http://127.0.0.1:3997 <nip> [password]`.

export interface MuatAwal {
  first_load_kib: number;
  first_load_requests: number;
  repeat_load_requests: number;
}

/** `headers`: sent with every request (the bench's reverse-proxy header, so production cookies are set). */
export async function ukurMuatAwal(base: string, nip: string, password: string, headers: Record<string, string> = {}): Promise<MuatAwal> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, extraHTTPHeaders: headers });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('NIP').fill(nip);
    await page.getByLabel('Kata Sandi').fill(password);
    await page.getByRole('button', { name: 'LOGIN' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    // what reached the network, from Chromium's own accounting (a response served from its cache is not counted)
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // (data: URIs, the icons' masks, are no requests; a favicon may come from the disk cache)
    const dariCache = new Set<string>();
    const dikirim = new Set<string>();
    let bytes = 0;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (/^https?:/.test(e.request.url)) dikirim.add(e.requestId);
    });
    cdp.on('Network.requestServedFromCache', (e) => dariCache.add(e.requestId));
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) dariCache.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (dikirim.has(e.requestId) && !dariCache.has(e.requestId)) bytes += e.encodedDataLength;
    });
    const kunjungi = async () => {
      dikirim.clear();
      dariCache.clear();
      bytes = 0;
      await page.goto(`${base}/`, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      if (new URL(page.url()).pathname !== '/') throw new Error(`dashboard tidak terbuka: ${page.url()}`);
      return { bytes, requests: [...dikirim].filter((id) => !dariCache.has(id)).length };
    };

    // the login page's assets are the dashboard's too: start the first visit from an empty cache
    await cdp.send('Network.clearBrowserCache');
    const pertama = await kunjungi();
    const kedua = await kunjungi();
    return {
      first_load_kib: Math.round((pertama.bytes / 1024) * 10) / 10,
      first_load_requests: pertama.requests,
      repeat_load_requests: kedua.requests,
    };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [base = 'http://127.0.0.1:3000', nip = '199203142019031002', password = 'bangkom2026'] = process.argv.slice(2);
  console.log(JSON.stringify(await ukurMuatAwal(base, nip, password)));
}
