// The Knex CLI's entry point. Node 20 cannot import TypeScript by itself, so register tsx
// (a devDependency) and hand over to knexfile.ts, where the settings are.
import { register } from 'tsx/esm/api';

register();
const { default: knexfile } = await import('./knexfile.ts');
export default knexfile;
