/** Whether a value is one of a closed list of words (a status, a jalur, a role), narrowing its type. */
export function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}
