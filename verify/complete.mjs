// What "a page is complete" means for make verify's whole-site visits
// (safest.mjs, edition.mjs): every stylesheet loaded and applied, every
// photo loaded, and the lazy ones too after a scroll.

// complete returns the problems of the page loaded in page: a stylesheet
// that did not load, a page the theme's stylesheet does not style, a photo
// that did not load. With scroll, it first scrolls down the page, so that
// lazy photos load as they do for a reader; without JavaScript a browser
// loads them all at once (lazy loading needs scripting), and a page's
// timers do not run.
export async function complete(page, { scroll = true } = {}) {
  await page.waitForLoadState('load');
  if (scroll) {
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 10));
      }
      window.scrollTo(0, 0);
      // A lazy photo the scroll passed too fast for is asked for now; none
      // is waited for more than 10 s, and one that has not loaded by then
      // is reported below.
      const pending = [...document.images].filter((img) => !img.complete);
      for (const img of pending) img.loading = 'eager';
      await Promise.race([
        Promise.all(pending.map((img) => img.complete ? null
          : new Promise((r) => { img.addEventListener('load', r); img.addEventListener('error', r); }))),
        new Promise((r) => setTimeout(r, 10000)),
      ]);
    });
  }
  return page.evaluate(() => {
    const problems = [];
    const sheets = [...document.querySelectorAll('link[rel~="stylesheet"]')];
    if (!sheets.length) problems.push('no stylesheet');
    for (const l of sheets) if (!l.sheet) problems.push(`stylesheet ${l.getAttribute('href')} did not load`);
    // The theme's tokens (assets/css/tokens.css) are on the root element
    // only when its stylesheet applies.
    if (!getComputedStyle(document.documentElement).getPropertyValue('--d-bg').trim()) problems.push('the stylesheet does not apply');
    for (const img of document.images) {
      if (!img.complete || img.naturalWidth === 0) problems.push(`photo ${img.getAttribute('src')} did not load`);
    }
    return problems;
  });
}
