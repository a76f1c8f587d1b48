/** The roles an account can have (pegawai.peran, with its CHECK constraint). */
export const PERAN = ['pegawai', 'bkpsdm', 'admin', 'operator'] as const;
export type Peran = (typeof PERAN)[number];

/** An e-mail address as the admin's form and the CSV import accept it: short enough, one @, a dot after it. */
export function emailValid(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
