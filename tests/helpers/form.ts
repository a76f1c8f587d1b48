/**
 * Flattens nested values into the bracket names a browser form sends (pelatihan[0][jp], skj[M.01]).
 * superagent's own serialisation drops array indices, which a real form never does.
 */
export function form(value: Record<string, unknown>, prefix = ''): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}[${k}]` : k;
    if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) out[key] = v.map(String);
    else if (Array.isArray(v))
      v.forEach((x, i) =>
        Object.assign(
          out,
          typeof x === 'object' && x !== null ? form(x as Record<string, unknown>, `${key}[${i}]`) : { [`${key}[${i}]`]: String(x) },
        ),
      );
    else if (typeof v === 'object' && v !== null) Object.assign(out, form(v as Record<string, unknown>, key));
    else if (v !== undefined) out[key] = String(v);
  }
  return out;
}
