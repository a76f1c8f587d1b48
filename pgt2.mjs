import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
let t=Date.now();
const m = new PGlite(); await m.waitReady; console.log('first mem', Date.now()-t);
await m.exec('create table x(a int)');
const dump = await m.dumpDataDir('none');
t=Date.now(); const m2 = new PGlite({loadDataDir: dump}); await m2.waitReady; console.log('second from dump', Date.now()-t);
t=Date.now();
const pgliteWasmModule = await WebAssembly.compile(fs.readFileSync('node_modules/@electric-sql/pglite/dist/pglite.wasm'));
const initdbWasmModule = await WebAssembly.compile(fs.readFileSync('node_modules/@electric-sql/pglite/dist/initdb.wasm'));
const fsBundle = new Blob([fs.readFileSync('node_modules/@electric-sql/pglite/dist/pglite.data')]);
console.log('compile', Date.now()-t);
for (let i=0;i<3;i++){ t=Date.now(); const m3 = new PGlite({loadDataDir: dump, pgliteWasmModule, initdbWasmModule, fsBundle}); await m3.waitReady; console.log('with modules', Date.now()-t, (await m3.query('select count(*) from x')).rows); await m3.close();}
