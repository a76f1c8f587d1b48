// A tiny cookie-keeping HTTP client for tests that talk to real app processes.

export class Klien {
  cookie = '';
  csrf = '';
  constructor(public base: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(this.base + path, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: this.cookie } });
    const set = res.headers.getSetCookie?.() ?? [];
    for (const c of set) if (c.startsWith('bangkom.sid=')) this.cookie = c.split(';')[0]!;
    return res;
  }

  async get(path: string) {
    return this.fetch(path);
  }

  async post(path: string, body: Record<string, string> = {}) {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...body }).toString(),
    });
  }

  async login(nip: string, password = 'bangkom2026') {
    const page = await (await this.get('/login')).text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const res = await this.post('/login', { nip, password });
    if (res.status !== 303) throw new Error(`login ${nip}: ${res.status}`);
    const after = await (await this.get('/akun/password')).text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(after)![1]!;
    return this;
  }

  /** Another client on another server sharing this one's session. */
  di(base: string): Klien {
    const k = new Klien(base);
    k.cookie = this.cookie;
    k.csrf = this.csrf;
    return k;
  }
}
