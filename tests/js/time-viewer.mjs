// Times ergraph's graph.html in headless Chromium with the network cut off:
// how long until the page is ready, until a search answers, and until a
// mouse click on a drawn edge shows that edge's evidence in the side panel
// (the page is then "interactive"), and until its layout has settled; then
// checks that no two drawn labels overlap, that Enter on a search draws and
// shows a match that was not drawn, that a node's button draws its hidden
// neighbours, and times "Show top 600" where the graph is that big. Prints one JSON line.
//
//   node tests/js/time-viewer.mjs graph.html [screenshot.png]
//
// All times are milliseconds from the start of navigation. CHROMIUM names
// the browser (default /usr/bin/chromium). scripts/time-viewer.sh runs it on
// generated corpora of 2,000 and 20,000 documents.
import path from 'node:path';
import { launch, offlinePage } from './browser.mjs';

const [htmlPath, shotPath] = process.argv.slice(2);
if (!htmlPath) {
  console.error('usage: node tests/js/time-viewer.mjs graph.html [screenshot.png]');
  process.exit(2);
}
const browser = await launch();
const result = { page: htmlPath, errors: [], remoteRequests: [] };
try {
  const page = await offlinePage(browser, result);
  const start = Date.now();
  const since = () => Date.now() - start;
  await page.goto('file://' + path.resolve(htmlPath), { waitUntil: 'commit', timeout: 120000 });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
  result.readyMs = since();
  result.readyInPageMs = Math.round(await page.evaluate(() => window.ergraph.readyAt));
  Object.assign(result, await page.evaluate(() => ({
    entities: Object.keys(window.ergraph.data.nodes).length,
    relations: window.ergraph.data.edgeList.length,
    drawnNodes: window.ergraph.cy.nodes().length,
    drawnEdges: window.ergraph.cy.edges().length,
    notice: document.getElementById('notice').hidden ? '' : document.getElementById('notice').innerText,
  })));

  // At once: click drawn edges with the mouse until one is selected (its
  // panel must show its first evidence sentence), then search for the least
  // mentioned entity, which the overview does not draw, until the count of
  // matches answers. The page is interactive when both have happened.
  result.clicked = null;
  for (let attempt = 0; attempt < 40 && !result.clicked; attempt++) {
    const c = await page.evaluate((skip) => {
      const cy = window.ergraph.cy;
      const box = document.getElementById('cy').getBoundingClientRect();
      const edges = cy.edges(':visible').filter((e) => (e.data('evidence') || []).length > 0).toArray();
      for (let i = skip; i < edges.length; i++) {
        const e = edges[i];
        const m = e.renderedMidpoint();
        const x = box.left + m.x, y = box.top + m.y;
        if (x > box.left + 5 && x < box.right - 5 && y > box.top + 5 && y < box.bottom - 5) {
          return { id: e.id(), x, y, evidence: e.data('evidence')[0].text, document: e.data('evidence')[0].document };
        }
      }
      return null;
    }, attempt * 7);
    if (!c) break;
    await page.mouse.click(c.x, c.y);
    const selected = await page.evaluate(() => window.ergraph.cy.$(':selected').map((e) => e.id()));
    if (selected.length === 1 && selected[0] === c.id) {
      const squash = (s) => s.replace(/\s+/g, ' ').trim();
      const panel = await page.innerText('#panel');
      result.clicked = {
        id: c.id,
        evidenceShown: squash(panel).includes(squash(c.evidence)),
        documentShown: panel.includes(c.document),
      };
    }
  }
  result.clickedMs = since();
  const wanted = await page.evaluate(() => {
    const ranked = window.ergraph.data.ranked;
    const d = ranked[ranked.length - 1];
    return { id: d.id, label: d.label, drawn: window.ergraph.cy.getElementById(d.id).nonempty() };
  });
  await page.fill('#search', wanted.label);
  await page.waitForFunction(() => /match/.test(document.getElementById('search-count').textContent), null, { timeout: 60000 });
  result.searchCount = await page.innerText('#search-count');
  result.interactiveMs = since();
  await page.fill('#search', '');

  await page.waitForSelector('body[data-layout="done"]', { timeout: 120000 }).catch(() => {});
  result.layoutDoneMs = since();
  await page.waitForTimeout(400); // labels are placed 120 ms after the view moves
  result.labels = await page.evaluate(() => {
    // Drawn node labels, as boxes on screen: none may overlap another.
    const cy = window.ergraph.cy;
    const boxes = cy.nodes(':visible').filter((n) => !n.hasClass('nolabel')).map((n) => {
      const b = n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      return [b.x1, b.y1, b.x2, b.y2, n.data('label')];
    }).filter((b) => b[2] > b[0]);
    let overlaps = 0;
    const pairs = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a[0] < b[2] - 2 && b[0] < a[2] - 2 && a[1] < b[3] - 2 && b[1] < a[3] - 2) {
          overlaps++;
          if (pairs.length < 5) pairs.push([a[4], b[4]]);
        }
      }
    }
    return { shown: boxes.length, overlaps, pairs };
  });
  if (shotPath) await page.screenshot({ path: shotPath });

  // Enter picks the first match (the most mentioned entity whose label or
  // alias contains the words): it is drawn, selected and shown in the panel.
  await page.fill('#search', wanted.label);
  await page.press('#search', 'Enter');
  const picked = await page.waitForFunction((q) => {
    const sel = window.ergraph.cy.$('node:selected');
    if (sel.length !== 1) return null;
    const names = [sel.data('label')].concat(sel.data('aliases') || []);
    return names.some((s) => String(s).toLowerCase().includes(q.toLowerCase())) ? sel.id() : null;
  }, wanted.label, { timeout: 60000 });
  result.searchPicked = {
    query: wanted.label,
    wantedWasDrawn: wanted.drawn,
    selected: await picked.jsonValue(),
    panelHeading: await page.innerText('#panel h2'),
  };

  // The most mentioned entity's panel: its button draws neighbours that
  // were not drawn, laid out among the others.
  await page.fill('#search', '');
  await page.evaluate(() => window.ergraph.show(window.ergraph.cy.getElementById(window.ergraph.data.ranked[0].id)));
  const more = page.locator('#panel button.more', { hasText: 'neighbours' });
  if (await more.count()) {
    const before = await page.evaluate(() => window.ergraph.cy.nodes().length);
    await more.first().click();
    await page.waitForSelector('body[data-layout="done"]', { timeout: 120000 });
    result.neighbours = { before, after: await page.evaluate(() => window.ergraph.cy.nodes().length) };
  }

  // "Show top 600" (on graphs that big): a view laid out off the page's
  // thread while search keeps answering.
  if (await page.locator('#show-count option[value="600"]').count()) {
    await page.fill('#search', '');
    const t = Date.now();
    await page.selectOption('#show-count', '600');
    await page.waitForFunction(() => document.body.dataset.layout === 'running', null, { timeout: 60000 }).catch(() => {});
    const t1 = Date.now();
    await page.fill('#search', wanted.label);
    await page.waitForFunction(() => /match/.test(document.getElementById('search-count').textContent), null, { timeout: 60000 });
    const searchDuringLayoutMs = Date.now() - t1;
    await page.waitForSelector('body[data-layout="done"]', { timeout: 300000 });
    result.show600 = Object.assign({ drawnMs: t1 - t, searchDuringLayoutMs, settledMs: Date.now() - t }, await page.evaluate(() => ({
      drawnNodes: window.ergraph.cy.nodes().length,
      drawnEdges: window.ergraph.cy.edges().length,
      thread: document.body.dataset.layoutThread,
    })));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
