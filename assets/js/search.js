// The search page's script: it turns the page's plain GET form into a
// search of the site's Pagefind index (pagefind/, written by dispatch
// build), in the reader's browser. The query and the filters live in the
// page's URL (?q=...&region=...), so a search can be shared; they are never
// sent anywhere: the browser loads from this site only the parts of the
// index a query needs. The filters (section, tag, region) load their own
// parts only when the reader opens them, or when the URL has one.
// Without this script, or when the index cannot be loaded, the page keeps
// its links to the tags, regions and archive pages.
(() => {
  'use strict';
  const form = document.querySelector('form[data-search]');
  if (!form) return;
  const d = form.dataset;
  const input = form.elements.q;
  const filters = form.querySelector('[data-search-filters]');
  const facetsBox = form.querySelector('[data-search-facets]');
  const status = document.querySelector('[data-search-status]');
  const list = document.querySelector('[data-search-results]');
  const more = document.querySelector('[data-search-more]');
  const note = document.querySelector('[data-search-note]');
  const facets = [['section', d.labelSection], ['tag', d.labelTag], ['region', d.labelRegion]];
  const pageSize = 10;
  const plural = new Intl.PluralRules(document.documentElement.lang);
  let pagefind = null;
  let results = [];
  let shown = 0;
  let run = 0; // the latest search; older ones stop when they see it changed
  let timer = 0;
  let filtersLoaded = null; // Pagefind's filter chunks, once loaded

  const say = (template, n, q) => template.replace('{n}', String(n)).replace('{q}', q);
  const el = (name, className, text) => {
    const e = document.createElement(name);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  };

  // selected returns the checked values of each filter, from the form.
  const selected = () => {
    const data = new FormData(form);
    const out = {};
    for (const [key] of facets) {
      const values = data.getAll(key);
      if (values.length) out[key] = { any: values };
    }
    return out;
  };

  // excerpt copies Pagefind's excerpt, text with <mark> elements, as text
  // and <mark> elements only: nothing of it is read as markup.
  const excerpt = (html) => {
    const p = el('p', 'excerpt');
    const doc = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
    for (const n of doc.body.firstChild.childNodes) {
      p.append(n.nodeName === 'MARK' ? el('mark', '', n.textContent) : document.createTextNode(n.textContent));
    }
    return p;
  };

  // renderFacets shows a checkbox for each value of each filter that the
  // results have (and each chosen one), with its count.
  const renderFacets = (counts, chosen) => {
    facetsBox.replaceChildren();
    for (const [key, label] of facets) {
      const values = Object.entries(counts[key] || {}).filter(([v, n]) => n > 0 || chosen[key]?.any.includes(v));
      if (!values.length) continue;
      values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const set = el('fieldset', 'search-facet');
      set.append(el('legend', '', label));
      for (const [value, n] of values) {
        const box = el('input');
        box.type = 'checkbox';
        box.name = key;
        box.value = value;
        box.checked = Boolean(chosen[key]?.any.includes(value));
        const row = el('label');
        row.append(box, ` ${value} `, el('span', 'count', `(${n})`));
        set.append(row);
      }
      facetsBox.append(set);
    }
  };

  // showMore renders the next page of results; focus moves to the first
  // new one when the reader asked for more.
  const showMore = async (focus) => {
    const mine = run;
    const batch = await Promise.all(results.slice(shown, shown + pageSize).map((r) => r.data()));
    if (mine !== run) return;
    let first = null;
    for (const r of batch) {
      const li = el('li', 'card');
      if (r.meta.section) li.append(el('p', 'kicker', r.meta.section));
      const h = el('h2');
      const a = el('a', '', r.meta.title || r.url);
      a.href = r.url;
      h.append(a);
      li.append(h, excerpt(r.excerpt));
      if (r.meta.date) li.append(el('p', 'meta', r.meta.date));
      list.append(li);
      first = first || a;
    }
    shown += batch.length;
    more.hidden = shown >= results.length;
    if (focus && first) first.focus();
  };

  const search = async () => {
    const mine = ++run;
    const q = input.value.trim();
    const chosen = selected();
    const params = new URLSearchParams(new FormData(form));
    if (!q) params.delete('q');
    history.replaceState(null, '', params.toString() ? `?${params}` : location.pathname);
    if (!q && !Object.keys(chosen).length) {
      results = [];
      shown = 0;
      list.replaceChildren();
      filters.hidden = true;
      more.hidden = true;
      status.textContent = '';
      return;
    }
    status.textContent = d.searching;
    if (filters.open) {
      filtersLoaded = filtersLoaded || pagefind.filters();
      await filtersLoaded;
    }
    const found = await pagefind.search(q || null, { filters: chosen });
    if (mine !== run || !found) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    // Counts come with the results once the filter chunks are loaded.
    if (filtersLoaded) renderFacets(found.totalFilters || found.filters || {}, chosen);
    filters.hidden = results.length === 0 && !Object.keys(chosen).length;
    await showMore(false);
    if (mine !== run) return;
    const n = results.length;
    const one = plural.select(n) === 'one';
    // Without words, filters alone: how many articles they leave.
    const template = !q ? (one ? d.filteredOne : d.filteredOther) : n === 0 ? d.none : one ? d.one : d.other;
    status.textContent = say(template, n, q);
  };

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  };

  const start = async () => {
    try {
      pagefind = await import(`${d.bundle}pagefind.js`);
      await pagefind.options({ baseUrl: d.base, excerptLength: 24, noWorker: true });
    } catch (e) {
      note.textContent = d.unavailable;
      return;
    }
    note.hidden = true;
    const params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    // The filters of a shared URL: in the form, open, until the results
    // show them as boxes.
    for (const [key] of facets) {
      for (const value of params.getAll(key)) {
        const box = el('input');
        box.type = 'hidden';
        box.name = key;
        box.value = value;
        facetsBox.append(box);
        filters.open = true;
      }
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(timer);
      search();
    });
    input.addEventListener('input', later);
    facetsBox.addEventListener('change', search);
    filters.addEventListener('toggle', () => { if (filters.open && !filtersLoaded) search(); });
    more.addEventListener('click', () => showMore(true));
    await search();
  };

  start();
})();
