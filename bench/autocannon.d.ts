// autocannon ships no types; the bench uses only its promise API.
declare module 'autocannon' {
  function autocannon(opts: Record<string, unknown>): Promise<unknown>;
  export default autocannon;
}
