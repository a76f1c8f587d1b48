// Control characters (NUL above all, which PostgreSQL text cannot hold) are never part of what a
// person types; tab, line feed and carriage return are.
export const KARAKTER_KONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
