import { ForbiddenError } from '../../errors';
import type { Pengguna } from '../../data/pegawai';

/** Every admin page and action: only for the ADMIN role. */
export function pastikanAdmin(user: Pengguna) {
  if (user.peran !== 'admin') throw new ForbiddenError('Halaman ini hanya untuk ADMIN.');
}
