// The search page of sitroom's default theme: reads the form, asks the search
// index through Pagefind's JavaScript API (pagefind/pagefind.js) and lists the
// results. Every word it shows comes from the page (data- attributes filled with
// the theme's strings); the query lives in the address (?q=…&actor=…), so a
// search can be linked to. No network access beyond the site itself.
(function () {
  "use strict";
  const root = document.getElementById("search");
  if (!root) return;
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const none = document.getElementById("search-none");
  const more = document.getElementById("search-more");
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const sortSelect = form.elements.sort;
  const PAGE = 20;
  const lang = document.documentElement.lang || "en";
  const text = (name) => root.getAttribute("data-" + name) || "";

  let api = null;
  let results = [];
  let shown = 0;
  let seq = 0;
  let timer = 0;

  function say(message) {
    status.textContent = message;
  }

  // "12 results" in the page's language: the variant the page rendered for a
  // number of the same plural form, with that number replaced.
  const SAMPLES = [0, 1, 2, 3, 5, 11, 21, 100];
  const plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  function countText(n) {
    const form = plural ? plural.select(n) : n === 1 ? "one" : "other";
    const sample = SAMPLES.find((s) => s === n) ?? SAMPLES.find((s) => (plural ? plural.select(s) : s === 1 ? "one" : "other") === form && s !== 0) ?? 2;
    return text("count-" + sample).replace(new RegExp("(^|\\D)" + sample + "(?!\\d)"), "$1" + n);
  }

  function filtersNow() {
    const filters = {};
    for (const s of selects) if (s.value) filters[s.dataset.filter] = s.value;
    return filters;
  }

  // The form's state as the page's address, without empty fields.
  function remember(q, filters) {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    for (const [name, value] of Object.entries(filters)) params.set(name, value);
    if (sortSelect.value) params.set("sort", sortSelect.value);
    const query = params.toString();
    const url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
  }

  async function run() {
    clearTimeout(timer);
    const mine = ++seq;
    const q = input.value.trim();
    const filters = filtersNow();
    remember(q, filters);
    if (!api) return;
    if (!q && !Object.keys(filters).length) {
      results = [];
      list.replaceChildren();
      none.hidden = true;
      more.hidden = true;
      say(text("prompt"));
      return;
    }
    const options = { filters };
    if (sortSelect.value === "newest") options.sort = { date: "desc" };
    if (sortSelect.value === "oldest") options.sort = { date: "asc" };
    let found;
    try {
      found = await api.search(q || null, options);
    } catch (e) {
      if (mine === seq) say(text("error"));
      return;
    }
    if (mine !== seq) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    none.hidden = results.length > 0;
    say(countText(results.length));
    await showMore(false);
  }

  // Shows the next page of results; with `focus`, moves the focus to the first new one.
  async function showMore(focus) {
    const mine = seq;
    const next = results.slice(shown, shown + PAGE);
    const data = await Promise.all(next.map((r) => r.data()));
    if (mine !== seq) return;
    const items = data.map(item);
    list.append(...items);
    shown += next.length;
    more.hidden = shown >= results.length;
    if (focus && items.length) items[0].querySelector("a").focus();
  }

  // In relative mode links name the file (folder/index.html), as the site's own do.
  function href(url) {
    if (root.dataset.relative !== "true") return url;
    return url.replace(/\/(#|$)/, "/index.html$1");
  }

  function item(d) {
    const li = document.createElement("li");
    li.className = "search-result";
    const h = document.createElement("h2");
    const a = document.createElement("a");
    a.href = href(d.url);
    a.textContent = d.meta.title || d.url;
    h.append(a);
    const meta = document.createElement("p");
    meta.className = "meta";
    const parts = [(d.filters.type || [])[0], d.meta.kind, d.meta.date, d.meta.briefing].filter(Boolean);
    parts.forEach((part, i) => {
      if (i) meta.append(" · ");
      const span = document.createElement("span");
      span.textContent = part;
      meta.append(span);
    });
    const excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    // Pagefind's excerpt: the text escaped, with <mark> around the words found.
    excerpt.innerHTML = d.excerpt;
    li.append(h, meta, excerpt);
    return li;
  }

  function fillFilters(counts) {
    for (const s of selects) {
      const name = s.dataset.filter;
      const values = Object.entries(counts[name] || {});
      if (name === "year") values.sort((a, b) => b[0].localeCompare(a[0]));
      else values.sort((a, b) => a[0].localeCompare(b[0], lang));
      for (const [value, n] of values) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = `${value} (${n})`;
        s.append(option);
      }
      s.closest("label").hidden = values.length === 0;
    }
  }

  // The fields from the address (?q=…&actor=…).
  function restore() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const s of selects.concat(sortSelect)) {
      const wanted = params.get(s.name) || "";
      s.value = Array.from(s.options).some((o) => o.value === wanted) ? wanted : "";
    }
  }

  async function start() {
    input.focus();
    if (location.protocol === "file:") {
      say(text("file"));
      return;
    }
    try {
      api = await import(new URL(root.dataset.script, location.href).href);
      await api.options({ excerptLength: 30 });
      fillFilters(await api.filters());
    } catch (e) {
      api = null;
      say(text("error"));
      return;
    }
    restore();
    await run();
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  for (const s of selects.concat(sortSelect)) s.addEventListener("change", run);
  more.addEventListener("click", () => showMore(true));
  document.getElementById("search-reset").addEventListener("click", () => {
    form.reset();
    input.value = "";
    run();
    input.focus();
  });
  window.addEventListener("popstate", () => {
    restore();
    run();
  });
  start();
})();
