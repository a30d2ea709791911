import { DEMO_MFA_SECRETS, DEMO_PASSWORD } from './demo-data';

type Body = Record<string, unknown>;
/** What the API answers: an object with an id and a version (and more, read where needed). */
export type Reply = { id: string; version: number; accessToken?: string; members?: Array<{ id: string }> } & Record<string, unknown>;

/** A minimal client of the application's API: JSON in and out, bearer tokens, any non-2xx stops the scenario. */
export class Api {
  private readonly tokens = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly codeOf: (secret: string) => string,
  ) {}

  /** Ends every session the scenario opened. */
  async logoutAll(): Promise<void> {
    for (const user of this.tokens.keys()) await this.call(user, 'POST', '/api/auth/logout');
    this.tokens.clear();
  }

  async login(username: string): Promise<void> {
    const secret = (DEMO_MFA_SECRETS as Record<string, string>)[username];
    const res = await this.call(null, 'POST', '/api/auth/login', { username, password: DEMO_PASSWORD, ...(secret ? { code: this.codeOf(secret) } : {}) });
    this.tokens.set(username, res.accessToken!);
  }

  /** A GET of a file (a PDF the system issues on its first download): its bytes. */
  async download(user: string, path: string): Promise<Buffer> {
    const res = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${this.tokens.get(user)}` } });
    if (!res.ok) throw new Error(`Kịch bản minh họa: GET ${path} → ${res.status} ${(await res.text()).slice(0, 500)}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** A file sent as the multipart field "file" (an achievement report, say), with the form's other fields. */
  async upload(user: string, path: string, fileName: string, bytes: Buffer, mime: string, fields: Record<string, string> = {}): Promise<Reply> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: mime }), fileName);
    const res = await fetch(`${this.base}${path}`, { method: 'POST', headers: { accept: 'application/json', authorization: `Bearer ${this.tokens.get(user)}` }, body: form });
    const text = await res.text();
    if (!res.ok) throw new Error(`Kịch bản minh họa: POST ${path} → ${res.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as Reply;
  }

  async call(user: string | null, method: string, path: string, body?: Body): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    if (user) headers.authorization = `Bearer ${this.tokens.get(user)}`;
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (!res.ok) throw new Error(`Kịch bản minh họa: ${method} ${path} → ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as Reply;
  }
}
