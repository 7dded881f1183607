// sitroom's search client: Pagefind's JavaScript API (options, init, search,
// debouncedSearch, preload, filters, destroy) over sitroom's chunked index.
// An ES module with no dependencies; every file is fetched relative to this
// script, so the site works under any sub-path and without a network.

const bundle = new URL(".", import.meta.url);

const settings = {
  basePath: bundle.href,
  baseUrl: null,
  excerptLength: 30,
  language: null,
};
const KNOWN = ["basePath", "baseUrl", "excerptLength", "language", "highlightParam", "ranking", "indexWeight", "mergeFilter", "primary"];

let state = null;
let debounceSeq = 0;

export async function options(opts = {}) {
  for (const [key, value] of Object.entries(opts || {})) {
    if (!KNOWN.includes(key)) {
      console.warn(`Unknown Pagefind option ${key}. Allowed options: [${KNOWN.join(", ")}]`);
    } else if (key in settings) {
      settings[key] = value;
      if (key === "basePath" || key === "language") state = null;
    }
  }
}

export async function init() {
  if (!state) state = { ready: load() };
  return state.ready;
}

export async function destroy() {
  state = null;
}

export async function mergeIndex() {
  throw new Error("sitroom's search index does not support mergeIndex");
}

export async function filters() {
  const s = await init();
  return copyCounts(s.meta.counts);
}

export async function preload(term, opts = {}) {
  const s = await init();
  const jobs = queryWords(term).map((w) => shardsFor(s, w.word, w.prefix));
  if (hasFilters(opts.filters)) jobs.push(loadFilters(s, filterNames(opts.filters)));
  await Promise.all(jobs);
}

export async function debouncedSearch(term, opts = {}, ms = 300) {
  const seq = ++debounceSeq;
  preload(term, opts).catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (seq !== debounceSeq) return null;
  const result = await search(term, opts);
  return seq === debounceSeq ? result : null;
}

export async function search(term, opts = {}) {
  const started = now();
  const s = await init();
  const words = queryWords(term);
  const filtered = hasFilters(opts.filters);
  const [matches] = await Promise.all([match(s, words), filtered ? loadFilters(s, filterNames(opts.filters)) : null]);
  const loaded = now();
  let unfiltered = matches.scores;
  if (!words.length) unfiltered = allRecords(s.meta);
  const allowed = filtered ? evalFilters(opts.filters, s) : null;
  const ids = [...unfiltered.keys()].filter((id) => !allowed || allowed[id]);
  sortIds(ids, unfiltered, opts.sort, s.meta);
  const counts = countFilters(s, words, filtered, unfiltered, ids);
  const results = ids.map((id) => result(s, id, unfiltered.get(id), matches.highlight));
  return {
    results,
    unfilteredResultCount: unfiltered.size,
    filters: counts.filters,
    totalFilters: counts.totalFilters,
    timings: { preload: loaded - started, search: now() - loaded, total: now() - started },
  };
}

// ---- loading ---------------------------------------------------------------

async function load() {
  const base = new URL(settings.basePath, bundle);
  const entry = await fetchJson(new URL("pagefind-entry.json", base), { cache: "no-cache" });
  const language = pickLanguage(entry);
  const info = entry.languages[language];
  if (!info) {
    const empty = { records: 0, dated: 0, shards: [], filters: {}, counts: {} };
    return { dir: base, meta: empty, shards: new Map(), fragments: new Map(), tables: new Map() };
  }
  const dir = new URL(`${info.dir}/`, base);
  const meta = await fetchJson(new URL("meta.json", dir));
  return { dir, meta, shards: new Map(), fragments: new Map(), tables: new Map() };
}

function pickLanguage(entry) {
  const wanted = (settings.language || globalThis.document?.documentElement?.lang || "").toLowerCase();
  const codes = Object.keys(entry.languages || {});
  if (codes.includes(wanted)) return wanted;
  const primary = wanted.split(/[-_]/)[0];
  return codes.find((c) => c === primary) || codes.find((c) => c.split("-")[0] === primary) || entry.default;
}

async function fetchJson(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`search index: ${url} answered ${response.status}`);
  return response.json();
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`search index: ${url} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function shard(s, n) {
  if (!s.shards.has(n)) {
    s.shards.set(n, fetchBytes(new URL(`index/${n}.pfi`, s.dir)).then(decodeShard));
  }
  return s.shards.get(n);
}

// The shard whose key is the longest prefix of `word`, and with `prefix` also up
// to four shards whose keys extend `word`.
function shardsFor(s, word, prefix) {
  const keys = s.meta.shards;
  let cover = -1;
  const longer = [];
  keys.forEach((key, i) => {
    if (word.startsWith(key) && (cover < 0 || key.length > keys[cover].length)) cover = i;
    else if (prefix && key.length > word.length && key.startsWith(word)) longer.push(i);
  });
  const wanted = cover < 0 ? [] : [cover];
  if (longer.length <= 4) wanted.push(...longer);
  return Promise.all(wanted.map((n) => shard(s, n)));
}

// Loads the filter files of `names` (each once); their sets go to s.filterValues.
function loadFilters(s, names) {
  s.filterValues ||= {};
  s.filterLoads ||= {};
  return Promise.all(
    names
      .filter((name) => name in s.meta.filters)
      .map((name) => {
        s.filterLoads[name] ||= fetchBytes(new URL(s.meta.filters[name], s.dir)).then((bytes) => {
          s.filterValues[name] = decodeFilter(bytes);
        });
        return s.filterLoads[name];
      }),
  );
}

// The filter names a Pagefind filter object uses.
function filterNames(f, out = new Set()) {
  if (Array.isArray(f)) f.forEach((x) => filterNames(x, out));
  else if (f && typeof f === "object") {
    for (const [key, value] of Object.entries(f)) {
      if (["any", "all", "none", "not"].includes(key)) filterNames(value, out);
      else out.add(key);
    }
  }
  return [...out];
}

// ---- decoding (the layout of src/search/encode.rs) --------------------------

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.pos = 0;
  }
  byte() {
    if (this.pos >= this.bytes.length) throw new Error("search index: truncated file");
    return this.bytes[this.pos++];
  }
  varint() {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 128;
    }
  }
  take(len) {
    const out = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  str() {
    return decoder.decode(this.take(this.varint()));
  }
  idSet() {
    const ids = [];
    let nextBlock = 0;
    for (let blocks = this.varint(); blocks > 0; blocks--) {
      const index = nextBlock + this.varint();
      nextBlock = index + 1;
      const base = index * 4096;
      const kind = this.byte();
      if (kind === 0) {
        let at = 0;
        const count = this.varint() + 1;
        for (let i = 0; i < count; i++) {
          const gap = this.varint();
          at = i === 0 ? gap : at + gap + 1;
          ids.push(base + at);
        }
      } else if (kind === 1) {
        const bits = this.take(512);
        for (let i = 0; i < 512; i++) {
          for (let bit = 0; bit < 8; bit++) if (bits[i] & (1 << bit)) ids.push(base + i * 8 + bit);
        }
      } else if (kind === 2) {
        let next = 0;
        for (let runs = this.varint() + 1; runs > 0; runs--) {
          const start = next + this.varint();
          const len = this.varint() + 1;
          for (let o = start; o < start + len; o++) ids.push(base + o);
          next = start + len + 1;
        }
      } else {
        throw new Error("search index: unknown block kind");
      }
    }
    return ids;
  }
  nibbles(count) {
    const packed = this.take(Math.ceil(count / 2));
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = i % 2 ? packed[i >> 1] >> 4 : packed[i >> 1] & 15;
    return out;
  }
}

const decoder = new TextDecoder();

function decodeShard(bytes) {
  const r = new Reader(bytes);
  const stems = [];
  for (let n = r.varint(); n > 0; n--) {
    const stem = r.str();
    const df = r.varint();
    const ids = r.idSet();
    stems.push({ stem, df, ids, weights: r.nibbles(df) });
  }
  const forms = new Map();
  let prev = new Uint8Array(0);
  for (let n = r.varint(); n > 0; n--) {
    const shared = r.varint();
    const tail = r.take(r.varint());
    const form = new Uint8Array(shared + tail.length);
    form.set(prev.subarray(0, shared));
    form.set(tail, shared);
    forms.set(decoder.decode(form), r.varint());
    prev = form;
  }
  return { stems, forms };
}

function decodeFilter(bytes) {
  const r = new Reader(bytes);
  const values = new Map();
  for (let n = r.varint(); n > 0; n--) {
    const value = r.str();
    values.set(value, r.idSet());
  }
  return values;
}

// ---- words -------------------------------------------------------------------

const segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;

// Word and non-word pieces of `text`, as Unicode word boundaries cut them.
function pieces(text) {
  if (segmenter) return [...segmenter.segment(text)].map((p) => ({ text: p.segment, word: !!p.isWordLike }));
  return text.split(/([\p{L}\p{N}\p{M}_'’]+)/u).filter(Boolean).map((t) => ({ text: t, word: /[\p{L}\p{N}]/u.test(t) }));
}

function normalize(word) {
  const w = word.toLowerCase().replace(/[\u2019\u02bc]/g, "'").replace(/^'+|'+$/g, "");
  return w && new TextEncoder().encode(w).length <= 64 ? w : null;
}

// The words of a query; the last one is also a prefix unless a space follows it.
function queryWords(term) {
  if (term === null || term === undefined) return [];
  const text = String(term);
  const words = [...new Set(pieces(text).filter((p) => p.word).map((p) => normalize(p.text)).filter(Boolean))];
  const open = !/\s$/.test(text);
  return words.map((word, i) => ({ word, prefix: open && i === words.length - 1 && [...word].length >= 2 }));
}

// ---- matching and ranking -----------------------------------------------------

// Per word, records scored by BM25 (idf × stored weight); words are ANDed.
async function match(s, words) {
  const highlight = new Set();
  let scores = new Map();
  for (const [i, { word, prefix }] of words.entries()) {
    const shards = await shardsFor(s, word, prefix);
    const hits = new Map();
    for (const sh of shards) scoreShard(sh, word, prefix, s.meta.records, hits, highlight);
    if (i === 0) scores = hits;
    else {
      const both = new Map();
      for (const [id, score] of scores) if (hits.has(id)) both.set(id, score + hits.get(id));
      scores = both;
    }
    if (!scores.size) break;
  }
  return { scores, highlight };
}

function scoreShard(sh, word, prefix, total, hits, highlight) {
  const chosen = new Map();
  const exact = sh.forms.get(word);
  if (exact !== undefined) chosen.set(exact, 1);
  if (prefix) {
    for (const [form, stem] of sh.forms) {
      if (form !== word && form.startsWith(word) && !chosen.has(stem)) chosen.set(stem, 0.5);
    }
  }
  if (exact === undefined) {
    // An unseen form of a known word: the longest stem the word starts with.
    let best = -1;
    sh.stems.forEach((st, n) => {
      const ok = st.stem.length >= 3 && st.stem.length >= word.length - 4 && word.startsWith(st.stem);
      if (ok && (best < 0 || st.stem.length > sh.stems[best].stem.length)) best = n;
    });
    if (best >= 0 && !chosen.has(best)) chosen.set(best, 0.8);
  }
  for (const [n, factor] of chosen) {
    const st = sh.stems[n];
    const idf = Math.log(1 + (total - st.df + 0.5) / (st.df + 0.5));
    st.ids.forEach((id, k) => {
      const score = idf * st.weights[k] * factor;
      if (!(hits.get(id) >= score)) hits.set(id, score);
    });
  }
  for (const [form, stem] of sh.forms) if (chosen.has(stem)) highlight.add(form);
}

function allRecords(meta) {
  const all = new Map();
  for (let id = 0; id < meta.records; id++) all.set(id, 0);
  return all;
}

// Records are numbered newest first, undated last.
function sortIds(ids, scores, sort, meta) {
  const order = sort && typeof sort === "object" ? sort.date : undefined;
  if (order === "asc" || order === "desc") {
    const sign = order === "asc" ? -1 : 1;
    ids.sort((a, b) => {
      const undated = (a >= meta.dated) - (b >= meta.dated);
      return undated || sign * (a - b);
    });
  } else {
    ids.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
  }
}

// ---- filters -------------------------------------------------------------------

function hasFilters(f) {
  return !!f && typeof f === "object" && Object.keys(f).length > 0;
}

// Pagefind's filter language: {name: "v"}, {name: ["v", "w"]} (all),
// {name: {any|all|none|not: …}}, and any/all/none/not around whole filter objects.
function evalFilters(f, s) {
  return evalObject(f, s.filterValues, s.meta.records);
}

function evalObject(f, sets, n) {
  let mask = filled(n, 1);
  for (const [key, value] of Object.entries(f)) {
    let part;
    if (key === "any" || key === "all" || key === "none" || key === "not") {
      part = combine(key, listOf(value).map((v) => evalObject(v, sets, n)), n);
    } else {
      part = evalValue(sets[key], value, n);
    }
    mask = and(mask, part);
  }
  return mask;
}

function evalValue(values, v, n) {
  if (typeof v === "string" || typeof v === "number") {
    const mask = filled(n, 0);
    for (const id of values?.get(String(v)) || []) mask[id] = 1;
    return mask;
  }
  if (Array.isArray(v)) return combine("all", v.map((x) => evalValue(values, x, n)), n);
  if (v && typeof v === "object") {
    let mask = filled(n, 1);
    for (const [op, inner] of Object.entries(v)) {
      mask = and(mask, combine(op, listOf(inner).map((x) => evalValue(values, x, n)), n));
    }
    return mask;
  }
  return filled(n, 1);
}

function listOf(v) {
  if (Array.isArray(v)) return v;
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const keys = Object.keys(v);
    if (keys.length > 1 && !keys.some((k) => ["any", "all", "none", "not"].includes(k))) {
      return keys.map((k) => ({ [k]: v[k] }));
    }
  }
  return [v];
}

function combine(op, masks, n) {
  if (op === "any" || op === "none") {
    const any = filled(n, 0);
    for (const m of masks) for (let i = 0; i < n; i++) any[i] |= m[i];
    return op === "any" ? any : not(any);
  }
  if (op === "not") return not(masks.reduce(and, filled(n, 1)));
  return masks.reduce(and, filled(n, 1));
}

const filled = (n, v) => new Uint8Array(n).fill(v);
const and = (a, b) => a.map((x, i) => x & b[i]);
const not = (a) => a.map((x) => 1 - x);

function countFilters(s, words, filtered, unfiltered, ids) {
  const sets = s.filterValues;
  if (!sets || !Object.keys(sets).length) {
    const none = !words.length && !filtered;
    return { filters: none ? copyCounts(s.meta.counts) : {}, totalFilters: none ? copyCounts(s.meta.counts) : {} };
  }
  const shown = filled(s.meta.records, 0);
  for (const id of ids) shown[id] = 1;
  const count = (inSet) => {
    const out = {};
    for (const [name, values] of Object.entries(sets)) {
      out[name] = {};
      for (const [value, members] of values) out[name][value] = members.reduce((c, id) => c + inSet(id), 0);
    }
    return out;
  };
  return { filters: count((id) => shown[id]), totalFilters: count((id) => (unfiltered.has(id) ? 1 : 0)) };
}

function copyCounts(counts) {
  return JSON.parse(JSON.stringify(counts));
}

// ---- results -------------------------------------------------------------------

function result(s, id, score, highlight) {
  let data = null;
  return {
    id: `${s.meta.language}_${id}`,
    score: score || 0,
    words: [],
    data: () => (data ||= fragment(s, id).then((f) => present(f, highlight))),
  };
}

// A fragment is named by a hash of its bytes (unchanged records keep their file
// across builds); record `id`'s name is in the table of its block of records.
function fragment(s, id) {
  if (!s.fragments.has(id)) {
    const loaded = fragmentName(s, id).then((name) => fetchJson(new URL(`../fragment/${name}.json`, s.dir)));
    s.fragments.set(id, loaded);
  }
  return s.fragments.get(id);
}

function fragmentName(s, id) {
  const size = s.meta.table;
  const k = Math.floor(id / size);
  if (!s.tables.has(k)) s.tables.set(k, fetchJson(new URL(`fragments/${k}.json`, s.dir)));
  return s.tables.get(k).then((names) => names[id - k * size]);
}

function siteRoot() {
  if (settings.baseUrl !== null && settings.baseUrl !== undefined) return String(settings.baseUrl);
  return new URL("..", new URL(settings.basePath, bundle)).pathname;
}

function present(f, highlight) {
  const url = /^[a-z][a-z0-9+.-]*:/i.test(f.url) ? f.url : siteRoot().replace(/\/?$/, "/") + f.url.replace(/^\//, "");
  const { excerpt, locations } = makeExcerpt(f.content, highlight, Math.max(1, settings.excerptLength | 0));
  return {
    url,
    raw_url: f.url,
    content: f.content,
    raw_content: f.content,
    excerpt,
    sub_results: [],
    word_count: f.word_count,
    locations,
    weighted_locations: locations.map((location) => ({ weight: 1, balanced_score: 1, location })),
    filters: f.filters,
    meta: f.meta,
    anchors: [],
    kind: f.kind,
    date: f.date,
  };
}

function isHit(piece, highlight) {
  return piece.word && highlight.has(normalize(piece.text));
}

// The window of `length` whitespace-separated words with the most hits, escaped,
// with <mark> around each hit.
function makeExcerpt(content, highlight, length) {
  const chunks = content.split(/\s+/).filter(Boolean);
  const cut = chunks.map((c) => pieces(c));
  const locations = [];
  cut.forEach((ps, i) => {
    if (ps.some((p) => isHit(p, highlight))) locations.push(i);
  });
  let start = 0;
  let best = -1;
  for (const loc of locations) {
    const from = Math.max(0, Math.min(loc - Math.floor(length / 3), chunks.length - length));
    const count = locations.filter((l) => l >= from && l < from + length).length;
    if (count > best) [best, start] = [count, from];
  }
  const html = cut
    .slice(start, start + length)
    .map((ps) => ps.map((p) => (isHit(p, highlight) ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join(""))
    .join(" ");
  return { excerpt: html, locations };
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function now() {
  return globalThis.performance ? performance.now() : Date.now();
}
