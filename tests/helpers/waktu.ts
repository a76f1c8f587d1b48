// The moment every test starts at, whatever today's date: the demo data is seeded then, every app
// a test starts (in process or spawned) runs on a clock set to it, and tests move it as they need.
// 28 November 2026, 10.00 WIB: planning for 2027 is open until the end of 30 November.
export const WAKTU_UJI = '2026-11-28T03:00:00Z';
export const TAHUN_UJI = 2026;
/** bcrypt cost of passwords made in tests (production refuses less than 12) */
export const BCRYPT_COST_UJI = 4;
