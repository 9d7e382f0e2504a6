// ergraph viewer: reads the graph embedded in the page (Cytoscape.js
// elements JSON plus the palette), draws it, and wires search, filters and
// the side panel. No network: everything it needs is in this file's page.
(function () {
  'use strict';

  var payload = JSON.parse(document.getElementById('ergraph-data').textContent);
  var graph = payload.graph;
  var documents = {};
  (graph.data.documents || []).forEach(function (d) { documents[d.id] = d; });

  // The same size rule as src/export/style.rs (node_size).
  function nodeSize(mentions) {
    return 10 + 4 * Math.sqrt(Math.max(mentions, 1) - 1);
  }

  var styles = [
    { selector: 'node', style: {
      'label': 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3,
      'text-wrap': 'ellipsis', 'text-max-width': 140, 'border-width': 2,
      'width': function (n) { return 1.4 * nodeSize(n.data('mentions')); },
      'height': function (n) { return 1.4 * nodeSize(n.data('mentions')); } } },
    { selector: 'edge', style: {
      'curve-style': 'bezier', 'width': function (e) { return 1 + Math.log2(Math.max(e.data('weight'), 1)); },
      'target-arrow-shape': 'triangle', 'arrow-scale': 0.8,
      'label': 'data(relation)', 'font-size': 8, 'text-rotation': 'autorotate',
      'text-background-color': '#fff', 'text-background-opacity': 0.8, 'text-background-padding': 1 } },
    { selector: 'edge[?symmetric]', style: { 'target-arrow-shape': 'none' } },
    { selector: '.faded', style: { 'opacity': 0.15 } },
    { selector: '.match', style: { 'border-width': 5, 'border-color': '#000' } },
    { selector: ':selected', style: { 'overlay-color': '#ffd400', 'overlay-opacity': 0.35, 'overlay-padding': 4 } },
    { selector: '.hidden', style: { 'display': 'none' } }
  ];
  Object.keys(payload.kinds).forEach(function (kind) {
    var k = payload.kinds[kind];
    styles.push({ selector: 'node[kind = "' + kind + '"]', style: {
      'background-color': k.fill, 'border-color': k.color, 'shape': k.shape } });
  });
  Object.keys(payload.relations).forEach(function (rel) {
    var r = payload.relations[rel];
    styles.push({ selector: 'edge[relation = "' + rel + '"]', style: {
      'line-color': r.color, 'target-arrow-color': r.color, 'color': r.color, 'line-style': r.line } });
  });

  var cy = cytoscape({
    container: document.getElementById('cy'),
    elements: graph.elements,
    style: styles,
    wheelSensitivity: 0.3
  });
  // A circle first, then a force layout from there: the same page always
  // draws the same picture (cose alone starts from random positions).
  cy.layout({ name: 'circle', animate: false }).run();
  cy.layout({ name: 'cose', randomize: false, animate: false, nodeRepulsion: function () { return 12000; },
    idealEdgeLength: function () { return 90; }, numIter: 1500, padding: 30 }).run();

  // ---------------------------------------------------------------- panel
  var panel = document.getElementById('panel');

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function labelOf(id) {
    var n = cy.getElementById(id);
    return n.nonempty() ? n.data('label') : id;
  }

  function entityLink(id) {
    var a = el('a', labelOf(id), 'entity');
    a.title = id;
    a.addEventListener('click', function () { show(cy.getElementById(id)); });
    return a;
  }

  function addFacts(parent, facts) {
    var dl = el('dl');
    facts.forEach(function (f) {
      if (f[1] === undefined || f[1] === null || f[1] === '' || (Array.isArray(f[1]) && !f[1].length)) return;
      dl.appendChild(el('dt', f[0]));
      var dd = el('dd');
      if (f[1] instanceof Node) dd.appendChild(f[1]); else dd.textContent = Array.isArray(f[1]) ? f[1].join('; ') : String(f[1]);
      dl.appendChild(dd);
    });
    parent.appendChild(dl);
  }

  function documentList(ids) {
    var ul = el('ul', null, 'documents');
    ids.forEach(function (id) {
      var d = documents[id] || { id: id };
      var li = el('li');
      var name = d.title ? d.title : id;
      if (d.url) {
        var a = el('a', name);
        a.href = d.url; a.target = '_blank'; a.rel = 'noopener noreferrer';
        li.appendChild(a);
      } else {
        li.appendChild(el('span', name));
      }
      var meta = [id];
      if (d.date) meta.push(d.date);
      if (d.path) meta.push(d.path);
      li.appendChild(el('div', meta.join(' · '), 'doc'));
      ul.appendChild(li);
    });
    return ul;
  }

  function entityList(ids) {
    var span = el('span');
    ids.forEach(function (id, i) {
      if (i) span.appendChild(document.createTextNode(', '));
      span.appendChild(entityLink(id));
    });
    return span;
  }

  function showEdge(e) {
    var d = e.data();
    panel.replaceChildren();
    var h = el('h2');
    h.appendChild(entityLink(d.source));
    h.appendChild(document.createTextNode(' ' + d.relation + ' '));
    h.appendChild(entityLink(d.target));
    panel.appendChild(h);
    addFacts(panel, [
      ['relation', d.relation + (d.symmetric ? ' (symmetric)' : '')],
      ['weight', d.weight + (d.weight === 1 ? ' mention' : ' mentions')],
      ['date', d.date],
      ['place', d.place ? entityLink(d.place) : null],
      ['reported by', d.reported_by && d.reported_by.length ? entityList(d.reported_by) : null]
    ]);
    panel.appendChild(el('h3', 'Evidence'));
    var ev = el('div', null, 'evidence');
    (d.evidence || []).forEach(function (x) {
      var q = el('blockquote', x.text);
      var src = documents[x.document];
      ev.appendChild(q);
      ev.appendChild(el('div', (src && src.title ? src.title + ' · ' : '') + x.document + ' · bytes ' + x.start + '–' + x.end, 'doc'));
    });
    if (!(d.evidence || []).length) ev.appendChild(el('p', 'No evidence sentence kept.', 'hint'));
    if (d.weight > (d.evidence || []).length) {
      ev.appendChild(el('p', (d.weight - d.evidence.length) + ' more mention(s) not kept (--max-evidence).', 'hint'));
    }
    panel.appendChild(ev);
    panel.appendChild(el('h3', 'Documents'));
    panel.appendChild(documentList(d.documents || []));
  }

  // A deployment's count as the text gives it: "about 10,900", "10,000–12,000".
  function countText(d) {
    if (d.count === undefined || d.count === null) return 'no count';
    var f = function (x) { return Number(x).toLocaleString('en-US'); };
    return (d.approximate ? 'about ' : '') + f(d.count) + (d.count_max ? '–' + f(d.count_max) : '');
  }

  // Who gives a deployment's count: the sources reporting it and those its edges cite.
  function sourcesOf(n) {
    var ids = {};
    n.connectedEdges().forEach(function (e) {
      if (e.data('relation') === 'reported' && e.data('target') === n.id()) ids[e.data('source')] = true;
      (e.data('reported_by') || []).forEach(function (r) { ids[r] = true; });
    });
    return Object.keys(ids).sort();
  }

  // One line of a deployment in a list: link, count, date, sources, documents.
  function movementItem(m, withSources) {
    var li = el('li');
    li.appendChild(entityLink(m.id()));
    var md = m.data();
    li.appendChild(document.createTextNode(': ' + countText(md) + (md.date ? ' · ' + md.date : '') + (md.status ? ' · ' + md.status : '')));
    if (withSources) {
      var src = sourcesOf(m);
      li.appendChild(document.createTextNode(' · source: '));
      if (src.length) li.appendChild(entityList(src)); else li.appendChild(document.createTextNode('none named'));
      li.appendChild(el('div', (md.documents || []).join(' · '), 'doc'));
    }
    return li;
  }

  // A deployment's parts, its whole and the other estimates of its movement.
  function showMovement(n) {
    var d = n.data();
    var partOf = n.connectedEdges().filter(function (e) { return e.data('relation') === 'part_of'; });
    var parts = partOf.filter(function (e) { return e.data('target') === d.id; }).map(function (e) { return e.source(); });
    var wholes = partOf.filter(function (e) { return e.data('source') === d.id; }).map(function (e) { return e.target(); });
    if (wholes.length) {
      panel.appendChild(el('h3', 'Part of'));
      var wl = el('ul', null, 'whole');
      wholes.forEach(function (w) { wl.appendChild(movementItem(w, false)); });
      panel.appendChild(wl);
    }
    if (parts.length) {
      panel.appendChild(el('h3', 'Parts'));
      var pl = el('ul', null, 'parts');
      parts.forEach(function (p) { pl.appendChild(movementItem(p, false)); });
      panel.appendChild(pl);
    }
    if (d.estimate) {
      var group = cy.nodes().filter(function (m) { return m.data('estimate') === d.estimate; });
      var lows = [], highs = [];
      group.forEach(function (m) {
        if (m.data('count') === undefined || m.data('count') === null) return;
        lows.push(m.data('count')); highs.push(m.data('count_max') || m.data('count'));
      });
      var spread = countText({ count: Math.min.apply(null, lows), count_max: Math.max.apply(null, highs) === Math.min.apply(null, lows) ? null : Math.max.apply(null, highs) });
      panel.appendChild(el('h3', 'Other estimates (' + spread + ')'));
      var own = el('p', 'This one: ' + countText(d) + ' · source: ', 'hint');
      var mine = sourcesOf(n);
      if (mine.length) own.appendChild(entityList(mine)); else own.appendChild(document.createTextNode('none named'));
      panel.appendChild(own);
      var el2 = el('ul', null, 'estimates');
      group.forEach(function (m) { if (m.id() !== d.id) el2.appendChild(movementItem(m, true)); });
      panel.appendChild(el2);
    }
  }

  function showNode(n) {
    var d = n.data();
    panel.replaceChildren();
    panel.appendChild(el('h2', d.label));
    addFacts(panel, [
      ['id', d.id], ['kind', d.kind], ['mentions', d.mentions], ['aliases', d.aliases], ['roles', d.roles],
      ['count', d.count !== undefined ? (d.approximate ? 'about ' : '') + d.count + (d.count_max ? '–' + d.count_max : '') + ' ' + (d.unit || '') : null],
      ['status', d.status], ['date', d.date], ['estimate', d.estimate],
      ['from', d.from ? entityLink(d.from) : null], ['to', d.to ? entityLink(d.to) : null]
    ]);
    if (d.kind === 'deployment') showMovement(n);
    panel.appendChild(el('h3', 'Relations'));
    var ul = el('ul');
    n.connectedEdges().forEach(function (e) {
      var li = el('li');
      var a = el('a', labelOf(e.data('source')) + ' ' + e.data('relation') + ' ' + labelOf(e.data('target')), 'entity');
      a.addEventListener('click', function () { show(e); });
      li.appendChild(a);
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    panel.appendChild(el('h3', 'Documents'));
    panel.appendChild(documentList(d.documents || []));
  }

  function showLegend() {
    panel.replaceChildren();
    panel.appendChild(el('h2', 'ergraph'));
    panel.appendChild(el('p', cy.nodes().length + ' entities, ' + cy.edges().length + ' relations from ' +
      (graph.data.documents || []).length + ' documents. Click an edge to read its evidence, a node for its relations.', 'hint'));
    panel.appendChild(el('h3', 'Relations'));
    var ul = el('ul');
    payload.relation_order.forEach(function (r) {
      if (!graph.data.relations.includes(r)) return;
      var li = el('li');
      li.appendChild(el('span', null, 'line ' + payload.relations[r].line)).style.borderColor = payload.relations[r].color;
      li.appendChild(document.createTextNode(' ' + r + ': ' + payload.relations[r].legend));
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    panel.appendChild(el('h3', 'Documents'));
    panel.appendChild(documentList((graph.data.documents || []).map(function (d) { return d.id; })));
  }

  function show(ele) {
    cy.elements().unselect();
    ele.select();
    if (ele.isEdge()) showEdge(ele); else showNode(ele);
  }

  cy.on('tap', 'edge', function (evt) { show(evt.target); });
  cy.on('tap', 'node', function (evt) { show(evt.target); });
  cy.on('tap', function (evt) { if (evt.target === cy) { cy.elements().unselect(); showLegend(); } });

  // ---------------------------------------------------------------- filters
  var hiddenKinds = {}, hiddenRelations = {};
  var hideIsolated = document.getElementById('isolated');

  function applyFilters() {
    cy.batch(function () {
      cy.elements().removeClass('hidden');
      cy.nodes().forEach(function (n) { if (hiddenKinds[n.data('kind')]) n.addClass('hidden'); });
      cy.edges().forEach(function (e) {
        if (hiddenRelations[e.data('relation')] || e.source().hasClass('hidden') || e.target().hasClass('hidden')) e.addClass('hidden');
      });
      if (hideIsolated.checked) {
        cy.nodes().forEach(function (n) {
          if (!n.hasClass('hidden') && n.connectedEdges().filter(function (e) { return !e.hasClass('hidden'); }).empty()) n.addClass('hidden');
        });
      }
    });
  }

  function filterList(container, names, look, hidden, attr) {
    names.forEach(function (name) {
      var count = cy.elements('[' + attr + ' = "' + name + '"]').length;
      if (!count) return;
      var label = el('label', null, 'check');
      var box = el('input');
      box.type = 'checkbox'; box.checked = true; box.value = name; box.dataset.filter = attr;
      box.addEventListener('change', function () { hidden[name] = !box.checked; applyFilters(); });
      label.appendChild(box);
      var mark = el('span', null, attr === 'kind' ? 'swatch' : 'line ' + look[name].line);
      if (attr === 'kind') { mark.style.background = look[name].fill; mark.style.borderColor = look[name].color; } else { mark.style.borderColor = look[name].color; }
      label.appendChild(mark);
      label.appendChild(document.createTextNode(' ' + name + ' '));
      label.appendChild(el('span', count, 'count'));
      container.appendChild(label);
    });
  }
  filterList(document.getElementById('kind-filters'), payload.kind_order, payload.kinds, hiddenKinds, 'kind');
  filterList(document.getElementById('relation-filters'), payload.relation_order, payload.relations, hiddenRelations, 'relation');
  hideIsolated.addEventListener('change', applyFilters);

  // ---------------------------------------------------------------- search
  var search = document.getElementById('search');
  var searchCount = document.getElementById('search-count');
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    cy.batch(function () {
      cy.elements().removeClass('faded match');
      if (!q) { searchCount.textContent = ''; return; }
      var hits = cy.nodes().filter(function (n) {
        var names = [n.data('label')].concat(n.data('aliases') || []);
        return names.some(function (s) { return String(s).toLowerCase().includes(q); });
      });
      searchCount.textContent = hits.length + (hits.length === 1 ? ' match' : ' matches');
      cy.elements().not(hits.closedNeighborhood()).addClass('faded');
      hits.addClass('match');
    });
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (evt) {
    if (evt.key !== 'Enter') return;
    var first = cy.nodes('.match').first();
    if (first.nonempty()) { show(first); cy.animate({ center: { eles: first }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 }); }
  });
  document.getElementById('fit').addEventListener('click', function () { cy.fit(cy.elements(':visible'), 30); });

  showLegend();
  // Hooks for tests and for the curious in the browser console.
  window.ergraph = { cy: cy, show: show, applyFilters: applyFilters };
  document.body.dataset.ready = 'true';
}());
