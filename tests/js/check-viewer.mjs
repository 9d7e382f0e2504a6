// Opens ergraph's graph.html in headless Chromium with the network cut off,
// clicks an edge with the mouse, checks that the side panel shows that edge's
// evidence sentence and document, exercises search and a relation filter,
// saves a screenshot, and prints one JSON line of what it saw.
//
//   node tests/js/check-viewer.mjs graph.html screenshot.png
//
// CHROMIUM names the browser (default /usr/bin/chromium, Debian's package).
import path from 'node:path';
import { launch, offlinePage } from './browser.mjs';

const [htmlPath, shotPath] = process.argv.slice(2);
const browser = await launch();
const result = { errors: [], remoteRequests: [] };
try {
  // The page must work with no network: anything but file: is refused.
  const page = await offlinePage(browser, result);
  await page.goto('file://' + path.resolve(htmlPath));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });

  const stats = await page.evaluate(() => ({
    nodes: window.ergraph.cy.nodes().length,
    edges: window.ergraph.cy.edges().length,
  }));
  Object.assign(result, stats);

  // Edges with evidence, each with its on-screen midpoint.
  const candidates = await page.evaluate(() => {
    const cy = window.ergraph.cy;
    const box = document.getElementById('cy').getBoundingClientRect();
    return cy.edges().filter((e) => (e.data('evidence') || []).length > 0).map((e) => {
      const m = e.renderedMidpoint();
      return { id: e.id(), x: box.left + m.x, y: box.top + m.y,
        evidence: e.data('evidence')[0].text, document: e.data('evidence')[0].document };
    }).filter((c) => c.x > box.left && c.x < box.right && c.y > box.top && c.y < box.bottom);
  });
  result.clicked = null;
  for (const c of candidates.slice(0, 25)) {
    await page.mouse.click(c.x, c.y);
    const selected = await page.evaluate(() => window.ergraph.cy.$(':selected').map((e) => e.id()));
    if (selected.length === 1 && selected[0] === c.id) {
      const panel = await page.innerText('#panel');
      const squash = (s) => s.replace(/\s+/g, ' ').trim();
      result.clicked = {
        id: c.id,
        evidenceShown: squash(panel).includes(squash(c.evidence)),
        documentShown: panel.includes(c.document),
        panelHeading: await page.innerText('#panel h2'),
        // A page written with --documents count says how many instead of listing them.
        documentsText: (panel.match(/[\d,]+ document\(s\)[^\n]*/) || [''])[0],
      };
      break;
    }
  }
  await page.screenshot({ path: shotPath });

  // A deployment of an estimate group shows the other estimates with their
  // sources; a whole shows its parts.
  result.movement = await page.evaluate(() => {
    const cy = window.ergraph.cy;
    const text = (n) => { n.emit('tap'); return document.getElementById('panel').innerText; };
    const member = cy.nodes().filter((n) => n.data('estimate')).first();
    const whole = cy.nodes().filter((n) => n.incomers('edge').some((e) => e.data('relation') === 'part_of')).first();
    const out = { estimate: null, parts: null };
    if (member.nonempty()) {
      const others = cy.nodes().filter((n) => n.data('estimate') === member.data('estimate') && n.id() !== member.id());
      const t = text(member);
      out.estimate = { othersShown: others.every((o) => t.includes(o.data('label'))), heading: /other estimates/i.test(t), sourceShown: /source:/.test(t) };
    }
    if (whole.nonempty()) {
      const parts = whole.incomers('edge').filter((e) => e.data('relation') === 'part_of').sources();
      const t = text(whole);
      out.parts = { heading: /parts/i.test(t), partsShown: parts.every((p) => t.includes(p.data('label'))) };
    }
    return out;
  });

  // Search dims what does not match.
  await page.fill('#search', 'kim');
  result.searchCount = await page.innerText('#search-count');
  await page.fill('#search', '');
  // A relation filter hides that relation's edges.
  const visible = () => page.evaluate(() => window.ergraph.cy.edges(':visible').length);
  const before = await visible();
  const box = page.locator('input[data-filter="relation"]').first();
  const relation = await box.getAttribute('value');
  await box.uncheck();
  const expected = await page.evaluate((r) =>
    window.ergraph.cy.edges().filter((e) => e.data('relation') === r).length, relation);
  // Cytoscape.js restyles on its next frame: wait for it (or time out).
  await page.waitForFunction((n) => window.ergraph.cy.edges(':visible').length === n,
    before - expected, { timeout: 5000 }).catch(() => {});
  const after = await visible();
  result.filter = { relation, before, after, hiddenExpected: expected };
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
