// What a browser downloads for one search on an index written by the search_bench
// test: node tests/integration/search_measure.mjs <dir holding pagefind/>
// Counts every file pagefind.js fetches for the query and the first page (10) of
// result fragments, raw and gzip-compressed, with a cold cache for each query.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const root = process.argv[2];
let fetched = [];
globalThis.fetch = async (url) => {
  const bytes = await readFile(fileURLToPath(new URL(url))).catch(() => null);
  if (!bytes) return { ok: false, status: 404 };
  fetched.push({ url: String(url), raw: bytes.length, gz: gzipSync(bytes).length });
  return {
    ok: true,
    status: 200,
    json: async () => JSON.parse(bytes.toString("utf8")),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  };
};
const pagefind = await import(pathToFileURL(`${root}/pagefind/pagefind.js`).href);
const js = await readFile(`${root}/pagefind/pagefind.js`);
console.log(`pagefind.js: ${js.length} bytes (${gzipSync(js).length} gzip), loaded once`);

await pagefind.init();
const counts = await pagefind.filters();
const actor = Object.keys(counts.actor || {})[0];
const queries = [
  ["ceasefire", {}],
  ["ceasefire talks", {}],
  ["humanitarian corridor", {}],
  ["negotiat", {}],
  [actor, {}],
  ["prisoners exchange", { sort: { date: "desc" } }],
  ["sanctions", { filters: { tag: "sanctions" } }],
  [null, { filters: { actor }, sort: { date: "desc" } }],
];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [term, opts] of queries) {
  await pagefind.destroy();
  fetched = [];
  const t0 = performance.now();
  const res = await pagefind.search(term, opts);
  const t1 = performance.now();
  await Promise.all(res.results.slice(0, 10).map((r) => r.data()));
  const t2 = performance.now();
  const sum = (pick) => fetched.reduce((a, f) => a + f[pick], 0);
  const part = (re) => fetched.filter((f) => re.test(f.url)).reduce((a, f) => a + f.raw, 0);
  console.log(
    `${JSON.stringify(term)} ${JSON.stringify(opts)}: ${res.results.length} results, ${fetched.length} files, ` +
      `${kb(sum("raw"))} raw / ${kb(sum("gz"))} gzip ` +
      `(meta ${kb(part(/meta\.json|entry/))}, shards ${kb(part(/\.pfi$/))}, filters ${kb(part(/\.pff$/))}, fragments ${kb(part(/fragment/))}); ` +
      `search ${(t1 - t0).toFixed(0)} ms, 10 results' data ${(t2 - t1).toFixed(0)} ms`,
  );
}
