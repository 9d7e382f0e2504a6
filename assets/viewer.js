// ergraph viewer: reads the graph embedded in the page (Cytoscape.js
// elements JSON plus the palette), draws it, and wires search, filters and
// the side panel. No network: everything it needs is in this file's page.
//
// Big graphs open on an overview: the most mentioned entities and the
// heaviest relations among them (the page says so, above the drawing).
// Search, node panels and the "Show" choice reach every entity; a click
// adds what is not drawn yet. The layout is ergraph's own force layout in
// the manner of ForceAtlas2 (Barnes-Hut above 600 nodes), run in one go for
// views of up to 400 entities and in a web worker for bigger ones, so the
// page answers while they settle. Node labels keep one size on screen and
// are thinned out so that none overlaps another label or a node: the most
// mentioned entity wins, zooming in shows more.
//
// The panel builders (edgePanel, nodePanel, legendPanel) take the graph
// data (indexGraph) and an element's data object and return DOM.
(function () {
  'use strict';

  // How much is drawn on opening: up to OVERVIEW_NODES entities, and at
  // most EDGES_PER_NODE times as many relations as drawn entities.
  var OVERVIEW_NODES = 150;
  var EDGES_PER_NODE = 3;
  // The most the "Show" choice draws, and the most neighbours a node's
  // button adds at once.
  var MAX_DRAWN = 1000;
  var REVEAL_AT_ONCE = 100;
  // Edge labels (the relation) are drawn on every edge up to this many edges;
  // above it only on the selected edge.
  var EDGE_LABELS_UP_TO = 250;
  // Views up to this many nodes are laid out in one go before the first paint.
  var SYNC_LAYOUT_UP_TO = 400;
  var LABEL_PX = 11;

  // Model units per screen pixel for labels: 1 / zoom, set by updateLabels.
  var labelScale = 1;

  var payload = JSON.parse(document.getElementById('ergraph-data').textContent);
  var graph = payload.graph;
  var data = indexGraph(graph);

  // ---------------------------------------------------------------- data
  // The graph data every panel function reads: nodes and edges by id (their
  // `data` objects exactly as embedded), each node's edge ids, documents by
  // id, and the nodes from most to least mentioned.
  function indexGraph(g) {
    var d = { nodes: {}, edges: {}, edgesOf: {}, documents: {}, ranked: [], edgeList: [] };
    g.elements.nodes.forEach(function (n) { d.nodes[n.data.id] = n.data; d.edgesOf[n.data.id] = []; d.ranked.push(n.data); });
    g.elements.edges.forEach(function (e) {
      var x = e.data;
      d.edges[x.id] = x;
      d.edgeList.push(x);
      if (d.edgesOf[x.source]) d.edgesOf[x.source].push(x.id);
      if (x.target !== x.source && d.edgesOf[x.target]) d.edgesOf[x.target].push(x.id);
    });
    (g.data.documents || []).forEach(function (doc) { d.documents[doc.id] = doc; });
    d.ranked.sort(byMentions);
    return d;
  }

  function byMentions(a, b) {
    return (b.mentions || 0) - (a.mentions || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }

  function byWeight(a, b) {
    return (b.weight || 0) - (a.weight || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }

  // The same size rule as src/export/style.rs (node_size), capped so that a
  // country mentioned 18,000 times does not cover the drawing.
  function nodeSize(mentions) {
    return Math.min(10 + 4 * Math.sqrt(Math.max(mentions, 1) - 1), 46);
  }

  // ---------------------------------------------------------------- style
  var styles = [
    { selector: 'node', style: {
      'label': 'data(label)', 'text-valign': 'bottom', 'text-wrap': 'ellipsis',
      'font-size': function () { return LABEL_PX * labelScale; },
      'text-margin-y': function () { return 3 * labelScale; },
      'text-background-color': '#fff', 'text-background-opacity': 0.7,
      'text-background-padding': function () { return labelScale; },
      'text-max-width': function () { return 140 * labelScale; }, 'border-width': 2, 'min-zoomed-font-size': 0,
      'width': function (n) { return 1.4 * nodeSize(n.data('mentions')); },
      'height': function (n) { return 1.4 * nodeSize(n.data('mentions')); } } },
    { selector: 'node.nolabel', style: { 'label': '' } },
    { selector: 'node.label-above', style: { 'text-valign': 'top', 'text-margin-y': function () { return -3 * labelScale; } } },
    { selector: 'node.label-right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-y': 0, 'text-margin-x': function () { return 4 * labelScale; } } },
    { selector: 'node.label-left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-y': 0, 'text-margin-x': function () { return -4 * labelScale; } } },
    { selector: 'edge', style: {
      'curve-style': 'bezier', 'width': function (e) { return Math.min(1 + Math.log2(Math.max(e.data('weight'), 1)), 8); },
      'target-arrow-shape': 'triangle', 'arrow-scale': 0.8,
      'font-size': 8, 'text-rotation': 'autorotate',
      'text-background-color': '#fff', 'text-background-opacity': 0.8, 'text-background-padding': 1 } },
    { selector: 'edge.labelled, edge:selected', style: { 'label': 'data(relation)' } },
    { selector: 'edge.fast', style: { 'curve-style': 'straight' } },
    { selector: 'edge[?symmetric]', style: { 'target-arrow-shape': 'none' } },
    { selector: '.faded', style: { 'opacity': 0.15 } },
    { selector: '.match', style: { 'border-width': 5, 'border-color': '#000' } },
    { selector: ':selected', style: { 'overlay-color': '#ffd400', 'overlay-opacity': 0.35, 'overlay-padding': 4 } },
    { selector: 'edge:selected', style: { 'z-index': 10, 'overlay-opacity': 0.6, 'overlay-padding': 5 } },
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
    elements: [],
    style: styles,
    wheelSensitivity: 0.3,
    // Big graphs can draw up to MAX_DRAWN entities: pan and zoom move a
    // snapshot of the drawing, redrawn when they stop.
    textureOnViewport: data.ranked.length > SYNC_LAYOUT_UP_TO
  });

  // ---------------------------------------------------------------- layout
  // A force layout in the manner of ForceAtlas2: every pair of nodes repels
  // in proportion to the product of their degrees plus one (through a
  // Barnes-Hut quadtree above 600 nodes), every edge pulls its ends
  // together linearly, a weak constant pull keeps the parts together, and
  // the step shrinks every iteration. It starts from a sunflower spiral in
  // order of mentions, so the same page always draws the same picture.
  // With `init` ({x, y, fixed}) it starts from those positions instead and
  // moves only the nodes that are not fixed (entities added to a drawing).
  function ForceLayout(n, pairs, sizes, k, init) {
    var i;
    this.n = n; this.k = k; this.kr = k * k; this.sizes = sizes;
    this.x = new Float64Array(n); this.y = new Float64Array(n);
    this.dx = new Float64Array(n); this.dy = new Float64Array(n);
    this.mass = new Float64Array(n).fill(1);
    this.pairs = pairs;
    for (i = 0; i < pairs.length; i++) this.mass[pairs[i]] += 1;
    for (i = 0; i < n; i++) {
      var r = k * 1.5 * Math.sqrt(i + 0.5), a = i * 2.399963229728653;
      this.x[i] = r * Math.cos(a); this.y[i] = r * Math.sin(a);
    }
    this.iterations = n > 2000 ? 200 : 300;
    this.fixed = null;
    if (init) {
      this.x.set(init.x); this.y.set(init.y); this.fixed = init.fixed;
      this.iterations = 120;
    }
    this.done = 0;
    // Gravity grows with the distance from the centre (ForceAtlas2's
    // "strong gravity"), set so that an entity with no drawn relation rests
    // at about the rim of the starting spiral instead of far away.
    var total = 0;
    for (i = 0; i < n; i++) total += this.mass[i];
    var rim = k * 1.5 * Math.sqrt(n + 1);
    this.kg = this.kr * total / (rim * rim);
    this.t0 = init ? k * 3 : k * (2 + Math.sqrt(n) / 2);
  }

  ForceLayout.prototype.repelExact = function () {
    var n = this.n, x = this.x, y = this.y, dx = this.dx, dy = this.dy, kr = this.kr, m = this.mass;
    for (var i = 0; i < n; i++) {
      for (var j = i + 1; j < n; j++) {
        var ex = x[i] - x[j], ey = y[i] - y[j];
        var d2 = ex * ex + ey * ey;
        if (d2 < 0.01) { ex = 0.1 * ((i % 7) - 3 || 1); ey = 0.1 * ((j % 5) - 2 || 1); d2 = ex * ex + ey * ey; }
        var f = kr * m[i] * m[j] / d2;
        dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
  };

  // Barnes-Hut: cells far enough away (size / distance < theta) act as one
  // body of their total mass at their centre of mass.
  ForceLayout.prototype.repelTree = function () {
    var n = this.n, x = this.x, y = this.y, dx = this.dx, dy = this.dy, kr = this.kr, w = this.mass;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, i;
    for (i = 0; i < n; i++) {
      if (x[i] < minX) minX = x[i]; if (x[i] > maxX) maxX = x[i];
      if (y[i] < minY) minY = y[i]; if (y[i] > maxY) maxY = y[i];
    }
    var size = Math.max(maxX - minX, maxY - minY) + 1;
    // Cells in flat arrays: centre of mass, mass, box, four children, a leaf body.
    var cap = 4 * n + 16;
    var cx = new Float64Array(cap), cyy = new Float64Array(cap), m = new Float64Array(cap);
    var bx = new Float64Array(cap), by = new Float64Array(cap), bs = new Float64Array(cap);
    var child = new Int32Array(cap * 4).fill(-1), body = new Int32Array(cap).fill(-1);
    var cells = 1;
    bx[0] = minX; by[0] = minY; bs[0] = size;
    function insert(c, b, depth) {
      for (;;) {
        var mm = m[c], wb = w[b];
        cx[c] = (cx[c] * mm + x[b] * wb) / (mm + wb); cyy[c] = (cyy[c] * mm + y[b] * wb) / (mm + wb); m[c] = mm + wb;
        if (mm === 0) { body[c] = b; return; }
        if (depth > 40 || cells + 2 >= cap) { body[c] = -2; return; }
        var h = bs[c] / 2;
        if (body[c] >= 0) {
          var old = body[c]; body[c] = -1;
          var q0 = (x[old] >= bx[c] + h ? 1 : 0) + (y[old] >= by[c] + h ? 2 : 0);
          var nc = cells++;
          bx[nc] = bx[c] + (q0 & 1 ? h : 0); by[nc] = by[c] + (q0 & 2 ? h : 0); bs[nc] = h;
          cx[nc] = x[old]; cyy[nc] = y[old]; m[nc] = w[old]; body[nc] = old;
          child[c * 4 + q0] = nc;
        }
        var q = (x[b] >= bx[c] + h ? 1 : 0) + (y[b] >= by[c] + h ? 2 : 0);
        var next = child[c * 4 + q];
        if (next < 0) {
          next = cells++;
          bx[next] = bx[c] + (q & 1 ? h : 0); by[next] = by[c] + (q & 2 ? h : 0); bs[next] = h;
          child[c * 4 + q] = next;
        }
        c = next; depth++;
      }
    }
    for (i = 0; i < n; i++) insert(0, i, 0);
    var stack = new Int32Array(cap), theta2 = 0.81;
    for (i = 0; i < n; i++) {
      var top = 0, fx = 0, fy = 0;
      stack[top++] = 0;
      while (top) {
        var c = stack[--top];
        if (body[c] === i) continue;
        var ex = x[i] - cx[c], ey = y[i] - cyy[c], d2 = ex * ex + ey * ey;
        if (body[c] !== -1 || bs[c] * bs[c] < theta2 * d2) {
          if (d2 < 0.01) { ex = 0.1 * ((i % 7) - 3 || 1); ey = 0.1; d2 = ex * ex + ey * ey; }
          var f = kr * w[i] * m[c] / d2;
          fx += ex * f; fy += ey * f;
        } else {
          for (var q = 0; q < 4; q++) { var ch = child[c * 4 + q]; if (ch >= 0) stack[top++] = ch; }
        }
      }
      dx[i] += fx; dy[i] += fy;
    }
  };

  ForceLayout.prototype.step = function () {
    var n = this.n, x = this.x, y = this.y, dx = this.dx, dy = this.dy, k = this.k, m = this.mass, i;
    dx.fill(0); dy.fill(0);
    if (n > 600) this.repelTree(); else this.repelExact();
    var p = this.pairs;
    for (i = 0; i < p.length; i += 2) {
      var a = p[i], b = p[i + 1];
      var ex = x[a] - x[b], ey = y[a] - y[b];
      dx[a] -= ex; dy[a] -= ey; dx[b] += ex; dy[b] += ey;
    }
    var t = this.t0 * Math.pow(1 - this.done / this.iterations, 2) + k * 0.02;
    var fixed = this.fixed;
    for (i = 0; i < n; i++) {
      if (fixed && fixed[i]) continue;
      dx[i] -= x[i] * this.kg * m[i]; dy[i] -= y[i] * this.kg * m[i];
      // Heavy nodes move less (ForceAtlas2's mass).
      var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) / m[i];
      if (len > 0) { var s = Math.min(len, t) / len / m[i]; x[i] += dx[i] * s; y[i] += dy[i] * s; }
    }
    this.done++;
  };

  // Pushes apart nodes that still overlap (their sizes plus a margin).
  ForceLayout.prototype.separate = function () {
    var n = this.n, x = this.x, y = this.y, sz = this.sizes, fixed = this.fixed, cell = 0, i;
    for (i = 0; i < n; i++) cell = Math.max(cell, sz[i]);
    cell += 40;
    for (var round = 0; round < 30; round++) {
      var grid = new Map();
      for (i = 0; i < n; i++) {
        var key = Math.floor(x[i] / cell) + ',' + Math.floor(y[i] / cell);
        var list = grid.get(key); if (!list) grid.set(key, list = []); list.push(i);
      }
      var moved = false;
      for (i = 0; i < n; i++) {
        var gx = Math.floor(x[i] / cell), gy = Math.floor(y[i] / cell);
        for (var ox = -1; ox <= 1; ox++) for (var oy = -1; oy <= 1; oy++) {
          var l = grid.get((gx + ox) + ',' + (gy + oy)); if (!l) continue;
          for (var q = 0; q < l.length; q++) {
            var j = l[q]; if (j <= i) continue;
            var ex = x[j] - x[i], ey = y[j] - y[i], d = Math.sqrt(ex * ex + ey * ey), want = (sz[i] + sz[j]) / 2 + 40;
            if (d < want) {
              if (d < 0.01) { ex = 1; ey = 0; d = 1; }
              var fi = fixed && fixed[i], fj = fixed && fixed[j];
              if (fi && fj) continue;
              var push = (want - d) / (fi || fj ? 1 : 2) / d;
              if (!fi) { x[i] -= ex * push; y[i] -= ey * push; }
              if (!fj) { x[j] += ex * push; y[j] += ey * push; }
              moved = true;
            }
          }
        }
      }
      if (!moved) break;
    }
  };

  var layoutRun = 0;

  // Lays out the drawn nodes: at once for small views, else in slices of
  // about 25 ms with the positions drawn after each, so search and clicks
  // answer meanwhile. Sets body[data-layout] to "done" at the end.
  // With `free` (a set of ids), only those move, from where they are, and
  // the rest stay put: entities added to a drawing find room in it.
  function runLayout(free) {
    var run = ++layoutRun;
    var nodes = cy.nodes();
    var ids = [];
    nodes.forEach(function (nd) { ids.push(nd.id()); });
    ids.sort(function (a, b) { return byMentions(data.nodes[a], data.nodes[b]); });
    var at = {}, sizes = new Float64Array(ids.length);
    ids.forEach(function (id, i) { at[id] = i; sizes[i] = 1.4 * nodeSize(data.nodes[id].mentions); });
    var pairs = [], seen = new Set();
    cy.edges().forEach(function (e) {
      var a = at[e.data('source')], b = at[e.data('target')];
      if (a === undefined || b === undefined || a === b) return;
      var key = a < b ? a * ids.length + b : b * ids.length + a;
      if (seen.has(key)) return;
      seen.add(key); pairs.push(a, b);
    });
    var init = null;
    if (free) {
      init = { x: new Float64Array(ids.length), y: new Float64Array(ids.length), fixed: new Uint8Array(ids.length) };
      ids.forEach(function (id, i) {
        var p = cy.getElementById(id).position();
        init.x[i] = p.x; init.y[i] = p.y; init.fixed[i] = free.has(id) ? 0 : 1;
      });
    }
    var layout = new ForceLayout(ids.length, pairs, sizes, 40, init);
    cy.resize();
    document.body.dataset.layout = 'running';
    function place() {
      cy.batch(function () {
        ids.forEach(function (id, i) { cy.getElementById(id).position({ x: layout.x[i], y: layout.y[i] }); });
      });
    }
    function finish() {
      place();
      cy.fit(cy.elements(':visible'), 30);
      updateLabels();
      document.body.dataset.layout = 'done';
    }
    if (ids.length <= SYNC_LAYOUT_UP_TO) {
      while (layout.done < layout.iterations) layout.step();
      layout.separate();
      finish();
      return;
    }
    place();
    cy.fit(cy.elements(), 30);
    updateLabels();
    // Drawing a big view costs more than layout: the positions are drawn
    // about once a second while the layout runs in a web worker (or, where
    // no worker can start, in slices of 30 ms on the page's own thread).
    var drawn = performance.now();
    function progress() {
      if (performance.now() - drawn > 1000) {
        place();
        cy.fit(cy.elements(), 30);
        drawn = performance.now();
      }
    }
    function sliced() {
      document.body.dataset.layoutThread = 'page';
      (function slice() {
        if (run !== layoutRun) return;
        var start = performance.now();
        while (layout.done < layout.iterations && performance.now() - start < 30) layout.step();
        if (layout.done >= layout.iterations) { layout.separate(); finish(); return; }
        progress();
        setTimeout(slice, 0);
      }());
    }
    if (layoutWorker) layoutWorker.terminate();
    layoutWorker = startWorker();
    if (!layoutWorker) { sliced(); return; }
    var worker = layoutWorker;
    document.body.dataset.layoutThread = 'worker';
    worker.onmessage = function (evt) {
      if (run !== layoutRun) return;
      layout.x.set(evt.data.x); layout.y.set(evt.data.y);
      if (evt.data.done) { worker.terminate(); layoutWorker = null; finish(); } else progress();
    };
    worker.onerror = function (evt) {
      evt.preventDefault();
      worker.terminate();
      if (layoutWorker === worker) layoutWorker = null;
      if (run === layoutRun) { layout.done = 0; sliced(); }
    };
    worker.postMessage({ n: ids.length, pairs: pairs, sizes: sizes, k: layout.k, init: init });
  }

  // The worker runs the same ForceLayout, its source taken from this page
  // (a blob: URL, nothing fetched), and posts the positions every 250 ms
  // and at the end.
  var layoutWorker = null, workerUrl = null;
  function workerMain() {
    self.onmessage = function (evt) {
      var m = evt.data, layout = new ForceLayout(m.n, m.pairs, m.sizes, m.k, m.init), sent = Date.now();
      while (layout.done < layout.iterations) {
        layout.step();
        if (Date.now() - sent > 250) { self.postMessage({ x: layout.x, y: layout.y, done: false }); sent = Date.now(); }
      }
      layout.separate();
      self.postMessage({ x: layout.x, y: layout.y, done: true });
    };
  }
  function startWorker() {
    try {
      if (!workerUrl) {
        var src = [ForceLayout.toString()];
        ['repelExact', 'repelTree', 'step', 'separate'].forEach(function (name) {
          src.push('ForceLayout.prototype.' + name + ' = ' + ForceLayout.prototype[name].toString() + ';');
        });
        src.push(workerMain.toString(), 'workerMain();');
        workerUrl = URL.createObjectURL(new Blob([src.join('\n')], { type: 'text/javascript' }));
      }
      return new Worker(workerUrl);
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- labels
  // Node labels stay LABEL_PX on screen at any zoom; those that would cover
  // an already placed label (most mentioned, selected and matching entities
  // first) are not drawn until zooming in makes room.
  var measure = document.createElement('canvas').getContext('2d');
  var widths = new Map();
  function labelWidth(text) {
    var w = widths.get(text);
    if (w === undefined) {
      measure.font = LABEL_PX + 'px system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif';
      w = measure.measureText(text).width;
      widths.set(text, w);
    }
    return Math.min(w, 140);
  }

  var labelTimer = null;
  function updateLabels() {
    labelTimer = null;
    var z = cy.zoom();
    var ext = { w: cy.width(), h: cy.height() };
    var nodes = cy.nodes().filter(function (n) { return !n.hasClass('hidden'); }).toArray();
    function rank(n) { return n.selected() ? 0 : n.hasClass('match') ? 1 : 2; }
    nodes.sort(function (a, b) { return rank(a) - rank(b) || byMentions(a.data(), b.data()); });
    var cell = 60, grid = new Map();
    // Boxes are estimates (a measured width, a fixed line height); the gap
    // keeps the labels Cytoscape draws apart where its margins differ from
    // them by a pixel or two.
    var GAP = 3;
    function put(box) {
      for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
        for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
          var key = gx + ',' + gy, list = grid.get(key);
          if (!list) grid.set(key, list = []);
          list.push(box);
        }
      }
    }
    // Nodes are obstacles too: a label may not run under another node.
    nodes.forEach(function (n) {
      var p = n.renderedPosition(), r = n.renderedHeight() / 2;
      if (p.x + r < 0 || p.x - r > ext.w || p.y + r < 0 || p.y - r > ext.h) return;
      var b = [p.x - r, p.y - r, p.x + r, p.y + r];
      b.owner = n.id();
      put(b);
    });
    function free(box, owner, labelsOnly) {
      if (box[0] < 0 || box[2] > ext.w || box[1] < 0 || box[3] > ext.h) return false;
      for (var gx = Math.floor((box[0] - GAP) / cell); gx <= Math.floor((box[2] + GAP) / cell); gx++) {
        for (var gy = Math.floor((box[1] - GAP) / cell); gy <= Math.floor((box[3] + GAP) / cell); gy++) {
          var list = grid.get(gx + ',' + gy);
          if (!list) continue;
          for (var i = 0; i < list.length; i++) {
            var o = list[i];
            if (o.owner === owner || (labelsOnly && o.owner)) continue;
            if (box[0] < o[2] + GAP && o[0] < box[2] + GAP && box[1] < o[3] + GAP && o[1] < box[3] + GAP) return false;
          }
        }
      }
      return true;
    }
    // Each label tries below its node, then above, right and left; the
    // twenty first may cover other nodes (never labels) if they must.
    var place = {};
    nodes.forEach(function (n, rankIndex) {
      var p = n.renderedPosition(), r = n.renderedHeight() / 2, id = n.id();
      var w = labelWidth(n.data('label')), h = LABEL_PX * 1.3;
      var spots = [
        ['below', [p.x - w / 2 - 2, p.y + r + 3, p.x + w / 2 + 2, p.y + r + 3 + h]],
        ['above', [p.x - w / 2 - 2, p.y - r - 3 - h, p.x + w / 2 + 2, p.y - r - 3]],
        ['right', [p.x + r + 3, p.y - h / 2, p.x + r + 7 + w, p.y + h / 2]],
        ['left', [p.x - r - 7 - w, p.y - h / 2, p.x - r - 3, p.y + h / 2]]
      ];
      for (var i = 0; i < spots.length; i++) {
        if (free(spots[i][1], id)) { put(spots[i][1]); place[id] = spots[i][0]; return; }
      }
      if (rankIndex < 20 && free(spots[0][1], id, true)) { put(spots[0][1]); place[id] = 'below'; }
    });
    cy.batch(function () {
      if (labelScale !== 1 / z) { labelScale = 1 / z; cy.style().update(); }
      cy.nodes().forEach(function (n) {
        var at = place[n.id()];
        n.removeClass('nolabel label-above label-right label-left');
        if (!at) n.addClass('nolabel'); else if (at !== 'below') n.addClass('label-' + at);
      });
    });
  }
  function labelsLater() {
    if (labelTimer) clearTimeout(labelTimer);
    labelTimer = setTimeout(updateLabels, 120);
  }
  cy.on('zoom pan', labelsLater);
  cy.on('resize', labelsLater);

  // ---------------------------------------------------------------- view
  // What is drawn: `shownLimit` most mentioned entities of the ticked
  // kinds, plus every entity the user asked for (`pinned`).
  var hiddenKinds = {}, hiddenRelations = {};
  var pinned = new Set();
  var shownLimit = Math.min(OVERVIEW_NODES, data.ranked.length);
  var notice = document.getElementById('notice');

  function nodeElement(d, pos) {
    return { group: 'nodes', data: d, position: pos ? { x: pos.x, y: pos.y } : { x: 0, y: 0 } };
  }

  function edgeElement(d) {
    return { group: 'edges', data: d };
  }

  function styleEdges() {
    var many = cy.edges().length;
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        if (many <= EDGE_LABELS_UP_TO) e.addClass('labelled'); else e.removeClass('labelled');
        if (many > 1500) e.addClass('fast'); else e.removeClass('fast');
      });
    });
  }

  // Picks the drawn entities and relations and draws them from scratch.
  function rebuild() {
    var picked = [], inView = new Set();
    data.ranked.forEach(function (d) {
      if (hiddenKinds[d.kind]) return;
      if (picked.length < shownLimit || pinned.has(d.id)) { picked.push(d); inView.add(d.id); }
    });
    pinned.forEach(function (id) { if (!inView.has(id)) { picked.push(data.nodes[id]); inView.add(id); } });
    added = pinned.size > 0;
    var among = [];
    data.edgeList.forEach(function (e) { if (inView.has(e.source) && inView.has(e.target)) among.push(e); });
    var budget = Math.max(EDGES_PER_NODE * picked.length, 400);
    var chosen = among;
    if (among.length > budget && (picked.length < data.ranked.length || among.length > 4000)) {
      // Every entity keeps its heaviest relation; the rest go by weight.
      among.sort(byWeight);
      var take = new Set(), best = new Set();
      among.forEach(function (e) {
        if (!best.has(e.source) || !best.has(e.target)) { take.add(e.id); best.add(e.source); best.add(e.target); }
      });
      for (var i = 0; i < among.length && take.size < budget; i++) take.add(among[i].id);
      pinned.forEach(function (id) { data.edgesOf[id].forEach(function (eid) { if (inView.has(data.edges[eid].source) && inView.has(data.edges[eid].target)) take.add(eid); }); });
      chosen = among.filter(function (e) { return take.has(e.id); });
    }
    cy.batch(function () {
      cy.elements().remove();
      cy.add(picked.map(function (d) { return nodeElement(d); }).concat(chosen.map(edgeElement)));
    });
    amongCount = among.length;
    styleEdges();
    applyFilters();
    describeView();
    runLayout();
  }

  var amongCount = 0, added = false;
  function describeView() {
    var among = amongCount;
    var nShown = cy.nodes().length, eShown = cy.edges().length;
    var nAll = data.ranked.length, eAll = data.edgeList.length;
    if (nShown === nAll && eShown === eAll) {
      notice.hidden = true;
      notice.textContent = '';
      return;
    }
    notice.hidden = false;
    if (legendShown) setTimeout(function () { if (legendShown) showLegend(); }, 0);
    notice.replaceChildren();
    notice.appendChild(el('strong', 'Overview. '));
    if (added) {
      notice.appendChild(document.createTextNode('Drawn: ' + fmt(nShown) + ' of ' + fmt(nAll) + ' entities (the ' + fmt(shownLimit) +
        ' most mentioned and those you added) and ' + fmt(eShown) + ' of ' + fmt(eAll) + ' relations. “Show” starts again from the most mentioned.'));
      return;
    }
    var kinds = Object.keys(hiddenKinds).some(function (k) { return hiddenKinds[k]; }) ? ' (of the ticked kinds)' : '';
    notice.appendChild(document.createTextNode(
      'Drawn: the ' + fmt(nShown) + ' most mentioned' + kinds + ' of ' + fmt(nAll) + ' entities and ' + fmt(eShown) +
      (eShown < among ? ' of the ' + fmt(among) + ' relations among them (the heaviest; every entity keeps its heaviest)' : ' relations among them') +
      ', of ' + fmt(eAll) + ' relations in all. Search finds every entity; a click on a node lists all its relations and can add its neighbours; “Show” draws more.'));
  }

  function fmt(n) { return Number(n).toLocaleString('en'); }

  // Adds entities (and their relations to what is drawn) next to `anchor`.
  function reveal(ids, anchorId) {
    var add = ids.filter(function (id) { return data.nodes[id] && cy.getElementById(id).empty(); });
    add.forEach(function (id) { pinned.add(id); if (hiddenKinds[data.nodes[id].kind]) { hiddenKinds[data.nodes[id].kind] = false; syncBoxes(); } });
    if (!add.length) return;
    // New entities go round the anchor, or round a drawn neighbour, or
    // beside the drawing.
    var bb = cy.nodes().nonempty() ? cy.nodes().boundingBox() : { x1: 0, y1: 0, x2: 0, y2: 0 };
    var els = [], loose = 0;
    add.forEach(function (id, i) {
      var near = anchorId;
      if (!near || cy.getElementById(near).empty()) {
        near = null;
        data.edgesOf[id].some(function (eid) {
          var e = data.edges[eid], other = e.source === id ? e.target : e.source;
          if (cy.getElementById(other).nonempty()) { near = other; return true; }
          return false;
        });
      }
      var pos;
      if (near) {
        var c = cy.getElementById(near).position(), radius = cy.getElementById(near).height() + 50 + 4 * add.length;
        var a = 2 * Math.PI * i / add.length + 0.3;
        pos = { x: c.x + radius * Math.cos(a), y: c.y + radius * Math.sin(a) };
      } else {
        pos = { x: bb.x2 + 80, y: bb.y1 + 60 * loose++ };
      }
      els.push(nodeElement(data.nodes[id], pos));
    });
    // Each new entity brings its relations to the anchor and its
    // EDGES_PER_NODE heaviest others to what is drawn.
    var fresh = new Set(add), edgesIn = new Set();
    add.forEach(function (id) {
      var others = 0;
      data.edgesOf[id].slice().sort(function (a, b) { return byWeight(data.edges[a], data.edges[b]); }).forEach(function (eid) {
        var e = data.edges[eid];
        var other = e.source === id ? e.target : e.source;
        if (!(fresh.has(other) || cy.getElementById(other).nonempty()) || edgesIn.has(eid) || cy.getElementById(eid).nonempty()) return;
        if (other !== anchorId) { if (others >= EDGES_PER_NODE) return; others++; }
        edgesIn.add(eid); els.push(edgeElement(e));
      });
    });
    cy.add(els);
    added = true;
    styleEdges();
    applyFilters();
    describeView();
    runLayout(fresh);
  }

  // Draws an entity or a relation if it is not drawn, then selects it.
  function ensureNode(id) {
    if (cy.getElementById(id).empty()) reveal([id]);
    return cy.getElementById(id);
  }
  function ensureEdge(eid) {
    var e = data.edges[eid];
    if (cy.getElementById(eid).empty()) {
      reveal([e.source, e.target].filter(function (id) { return cy.getElementById(id).empty(); }),
        cy.getElementById(e.source).nonempty() ? e.source : e.target);
      if (cy.getElementById(eid).empty()) { cy.add(edgeElement(e)); styleEdges(); applyFilters(); }
    }
    return cy.getElementById(eid);
  }

  // ---------------------------------------------------------------- panel
  // The panel builders take the graph data (`data`, see indexGraph) and an
  // element's data object, and return DOM; `act.entity(id)` and
  // `act.edge(id)` are what their links do.
  var panel = document.getElementById('panel');

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function labelOf(g, id) {
    var n = g.nodes[id];
    return n ? n.label : id;
  }

  function entityLink(g, act, id) {
    var a = el('a', labelOf(g, id), 'entity');
    a.title = id;
    a.addEventListener('click', function () { act.entity(id); });
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

  function documentList(g, ids) {
    var ul = el('ul', null, 'documents');
    ids.forEach(function (id) {
      var d = g.documents[id] || { id: id };
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

  // The documents of a node or an edge: their list, or, in a page written
  // with `--documents count`, only how many there are.
  function documentsSection(box, g, d) {
    box.appendChild(el('h3', 'Documents'));
    if (!d.documents && d.document_count !== undefined) {
      box.appendChild(el('p', fmt(d.document_count) + ' document(s); this page was written with --documents count, without the list.', 'hint'));
      return;
    }
    capped(box, d.documents || [], 200, function (ids) { return documentList(g, ids); });
  }

  // Long lists (a country's thousands of documents) show their first items
  // and a button for the rest.
  function capped(parent, items, limit, render) {
    var first = items.slice(0, limit);
    parent.appendChild(render(first));
    if (items.length > limit) {
      var more = el('button', 'Show all ' + fmt(items.length), 'more');
      more.type = 'button';
      more.addEventListener('click', function () { more.replaceWith(render(items.slice(limit))); });
      parent.appendChild(more);
    }
  }

  function entityList(g, act, ids) {
    var span = el('span');
    ids.forEach(function (id, i) {
      if (i) span.appendChild(document.createTextNode(', '));
      span.appendChild(entityLink(g, act, id));
    });
    return span;
  }

  function edgePanel(g, d, act) {
    var box = document.createDocumentFragment();
    var h = el('h2');
    h.appendChild(entityLink(g, act, d.source));
    h.appendChild(document.createTextNode(' ' + d.relation + ' '));
    h.appendChild(entityLink(g, act, d.target));
    box.appendChild(h);
    addFacts(box, [
      ['relation', d.relation + (d.symmetric ? ' (symmetric)' : '')],
      ['weight', d.weight + (d.weight === 1 ? ' mention' : ' mentions')],
      ['date', d.date],
      ['place', d.place ? entityLink(g, act, d.place) : null],
      ['reported by', d.reported_by && d.reported_by.length ? entityList(g, act, d.reported_by) : null]
    ]);
    box.appendChild(el('h3', 'Evidence'));
    var ev = el('div', null, 'evidence');
    (d.evidence || []).forEach(function (x) {
      var q = el('blockquote', x.text);
      var src = g.documents[x.document];
      ev.appendChild(q);
      ev.appendChild(el('div', (src && src.title ? src.title + ' · ' : '') + x.document + ' · bytes ' + x.start + '–' + x.end, 'doc'));
    });
    if (!(d.evidence || []).length) ev.appendChild(el('p', 'No evidence sentence kept.', 'hint'));
    if (d.weight > (d.evidence || []).length) {
      ev.appendChild(el('p', (d.weight - d.evidence.length) + ' more mention(s) not kept (--max-evidence, --evidence).', 'hint'));
    }
    box.appendChild(ev);
    documentsSection(box, g, d);
    return box;
  }

  // A deployment's count as the text gives it: "about 10,900", "10,000–12,000".
  function countText(d) {
    if (d.count === undefined || d.count === null) return 'no count';
    var f = function (x) { return Number(x).toLocaleString('en-US'); };
    return (d.approximate ? 'about ' : '') + f(d.count) + (d.count_max ? '–' + f(d.count_max) : '');
  }

  // Who gives a deployment's count: the sources reporting it and those its edges cite.
  function sourcesOf(g, id) {
    var ids = {};
    (g.edgesOf[id] || []).forEach(function (eid) {
      var e = g.edges[eid];
      if (e.relation === 'reported' && e.target === id) ids[e.source] = true;
      (e.reported_by || []).forEach(function (r) { ids[r] = true; });
    });
    return Object.keys(ids).sort();
  }

  // One line of a deployment in a list: link, count, date, status, and with
  // its sources and documents where asked.
  function movementItem(g, act, md, withSources) {
    var li = el('li');
    li.appendChild(entityLink(g, act, md.id));
    li.appendChild(document.createTextNode(': ' + countText(md) + (md.date ? ' · ' + md.date : '') + (md.status ? ' · ' + md.status : '')));
    if (withSources) {
      var src = sourcesOf(g, md.id);
      li.appendChild(document.createTextNode(' · source: '));
      if (src.length) li.appendChild(entityList(g, act, src)); else li.appendChild(document.createTextNode('none named'));
      li.appendChild(el('div', md.documents ? md.documents.join(' · ') : fmt(md.document_count || 0) + ' document(s)', 'doc'));
    }
    return li;
  }

  function movementList(g, act, title, cls, items, withSources) {
    if (!items.length) return null;
    var frag = document.createDocumentFragment();
    frag.appendChild(el('h3', title));
    var ul = el('ul', null, cls);
    items.forEach(function (md) { ul.appendChild(movementItem(g, act, md, withSources)); });
    frag.appendChild(ul);
    return frag;
  }

  // A deployment's whole, its parts and the other estimates of its movement.
  function movementPanel(g, d, act, box) {
    var partOf = (g.edgesOf[d.id] || []).map(function (eid) { return g.edges[eid]; })
      .filter(function (e) { return e.relation === 'part_of'; });
    var node = function (id) { return g.nodes[id]; };
    var wholes = partOf.filter(function (e) { return e.source === d.id; }).map(function (e) { return node(e.target); }).filter(Boolean);
    var parts = partOf.filter(function (e) { return e.target === d.id; }).map(function (e) { return node(e.source); }).filter(Boolean);
    [movementList(g, act, 'Part of', 'whole', wholes, false), movementList(g, act, 'Parts', 'parts', parts, false)]
      .forEach(function (f) { if (f) box.appendChild(f); });
    if (!d.estimate) return;
    var group = g.ranked.filter(function (m) { return m.estimate === d.estimate; });
    var lows = [], highs = [];
    group.forEach(function (m) {
      if (m.count === undefined || m.count === null) return;
      lows.push(m.count); highs.push(m.count_max || m.count);
    });
    var low = Math.min.apply(null, lows), high = Math.max.apply(null, highs);
    box.appendChild(el('h3', 'Other estimates (' + countText({ count: low, count_max: high === low ? null : high }) + ')'));
    var own = el('p', 'This one: ' + countText(d) + ' · source: ', 'hint');
    var mine = sourcesOf(g, d.id);
    if (mine.length) own.appendChild(entityList(g, act, mine)); else own.appendChild(document.createTextNode('none named'));
    box.appendChild(own);
    var ul = el('ul', null, 'estimates');
    group.forEach(function (m) { if (m.id !== d.id) ul.appendChild(movementItem(g, act, m, true)); });
    box.appendChild(ul);
  }

  function nodePanel(g, d, act) {
    var box = document.createDocumentFragment();
    box.appendChild(el('h2', d.label));
    addFacts(box, [
      ['id', d.id], ['kind', d.kind], ['mentions', d.mentions], ['aliases', d.aliases], ['roles', d.roles],
      ['count', d.count !== undefined ? (d.approximate ? 'about ' : '') + d.count + (d.count_max ? '–' + d.count_max : '') + ' ' + (d.unit || '') : null],
      ['status', d.status], ['date', d.date], ['estimate', d.estimate],
      ['from', d.from ? entityLink(g, act, d.from) : null], ['to', d.to ? entityLink(g, act, d.to) : null]
    ]);
    if (d.kind === 'deployment') movementPanel(g, d, act, box);
    var eids = (g.edgesOf[d.id] || []).slice().sort(function (a, b) { return byWeight(g.edges[a], g.edges[b]); });
    var heading = el('h3', 'Relations (' + fmt(eids.length) + ')');
    box.appendChild(heading);
    if (act.neighbours && eids.length) {
      var hidden = act.hiddenNeighbours(d.id).length;
      if (hidden) {
        var b = el('button', hidden > REVEAL_AT_ONCE
          ? 'Draw its ' + REVEAL_AT_ONCE + ' most mentioned neighbours not drawn yet (of ' + fmt(hidden) + ')'
          : 'Draw its ' + fmt(hidden) + ' neighbours not drawn yet', 'more');
        b.type = 'button';
        b.addEventListener('click', function () { act.neighbours(d.id); });
        box.appendChild(b);
      }
    }
    capped(box, eids, 200, function (list) {
      var ul = el('ul');
      list.forEach(function (eid) {
        var e = g.edges[eid];
        var li = el('li');
        var a = el('a', labelOf(g, e.source) + ' ' + e.relation + ' ' + labelOf(g, e.target), 'entity');
        a.addEventListener('click', function () { act.edge(eid); });
        li.appendChild(a);
        if (e.weight > 1) li.appendChild(el('span', ' ×' + e.weight, 'count'));
        ul.appendChild(li);
      });
      return ul;
    });
    documentsSection(box, g, d);
    return box;
  }

  function legendPanel(g) {
    var box = document.createDocumentFragment();
    box.appendChild(el('h2', 'ergraph'));
    box.appendChild(el('p', fmt(g.ranked.length) + ' entities, ' + fmt(g.edgeList.length) + ' relations from ' +
      fmt((graph.data.documents || []).length) + ' documents. Click an edge to read its evidence, a node for its relations.', 'hint'));
    if (!notice.hidden) box.appendChild(el('p', notice.textContent, 'hint'));
    box.appendChild(el('h3', 'Relations'));
    var ul = el('ul');
    payload.relation_order.forEach(function (r) {
      if (!graph.data.relations.includes(r)) return;
      var li = el('li');
      li.appendChild(el('span', null, 'line ' + payload.relations[r].line)).style.borderColor = payload.relations[r].color;
      li.appendChild(document.createTextNode(' ' + r + ': ' + payload.relations[r].legend));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    box.appendChild(el('h3', 'Documents'));
    capped(box, (graph.data.documents || []).map(function (d) { return d.id; }), 200, function (ids) { return documentList(g, ids); });
    return box;
  }

  var act = {
    entity: function (id) { show(ensureNode(id)); },
    edge: function (eid) { show(ensureEdge(eid)); },
    // Draws the REVEAL_AT_ONCE most mentioned neighbours not drawn yet.
    neighbours: function (id) {
      reveal(act.hiddenNeighbours(id).slice(0, REVEAL_AT_ONCE), id);
      show(cy.getElementById(id));
    },
    // The neighbours not drawn, most mentioned first.
    hiddenNeighbours: function (id) {
      var s = new Set();
      data.edgesOf[id].forEach(function (eid) {
        var e = data.edges[eid], other = e.source === id ? e.target : e.source;
        if (cy.getElementById(other).empty()) s.add(other);
      });
      return Array.from(s).sort(function (a, b) { return byMentions(data.nodes[a], data.nodes[b]); });
    }
  };

  var legendShown = false;
  function showPanel(content, legend) {
    legendShown = !!legend;
    panel.replaceChildren(content);
    panel.scrollTop = 0;
  }

  function show(ele) {
    cy.elements().unselect();
    ele.select();
    if (ele.isEdge()) showPanel(edgePanel(data, ele.data(), act)); else showPanel(nodePanel(data, ele.data(), act));
    labelsLater();
  }

  function showLegend() { showPanel(legendPanel(data), true); }

  cy.on('tap', 'edge', function (evt) { show(evt.target); });
  cy.on('tap', 'node', function (evt) { show(evt.target); });
  cy.on('tap', function (evt) { if (evt.target === cy) { cy.elements().unselect(); showLegend(); } });

  // ---------------------------------------------------------------- filters
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
    labelsLater();
  }

  var boxes = [];
  function syncBoxes() {
    boxes.forEach(function (b) { b.box.checked = !b.hidden[b.name]; });
  }

  function filterList(container, names, look, hidden, attr, counts) {
    names.forEach(function (name) {
      var count = counts[name] || 0;
      if (!count) return;
      var label = el('label', null, 'check');
      var box = el('input');
      box.type = 'checkbox'; box.checked = true; box.value = name; box.dataset.filter = attr;
      box.addEventListener('change', function () {
        hidden[name] = !box.checked;
        // A kind filter on an overview refills it from the other kinds.
        if (attr === 'kind' && overview()) rebuild(); else applyFilters();
      });
      boxes.push({ box: box, hidden: hidden, name: name });
      label.appendChild(box);
      var mark = el('span', null, attr === 'kind' ? 'swatch' : 'line ' + look[name].line);
      if (attr === 'kind') { mark.style.background = look[name].fill; mark.style.borderColor = look[name].color; } else { mark.style.borderColor = look[name].color; }
      label.appendChild(mark);
      label.appendChild(document.createTextNode(' ' + name + ' '));
      label.appendChild(el('span', fmt(count), 'count'));
      container.appendChild(label);
    });
  }
  function countBy(list, attr) {
    var c = {};
    list.forEach(function (d) { c[d[attr]] = (c[d[attr]] || 0) + 1; });
    return c;
  }
  function overview() { return shownLimit < data.ranked.length; }
  filterList(document.getElementById('kind-filters'), payload.kind_order, payload.kinds, hiddenKinds, 'kind', countBy(data.ranked, 'kind'));
  filterList(document.getElementById('relation-filters'), payload.relation_order, payload.relations, hiddenRelations, 'relation', countBy(data.edgeList, 'relation'));
  hideIsolated.addEventListener('change', applyFilters);

  // "Show": how many of the most mentioned entities are drawn. Cytoscape.js
  // draws on a 2D canvas: past about a thousand entities and three thousand
  // relations each frame takes seconds, so bigger graphs stop there (search
  // and a node's neighbours still reach everything).
  var showCount = document.getElementById('show-count');
  (function () {
    var total = data.ranked.length;
    if (total <= OVERVIEW_NODES) { showCount.parentNode.style.display = 'none'; return; }
    [OVERVIEW_NODES, 300, 600, MAX_DRAWN].forEach(function (n) {
      if (n >= total) return;
      var o = el('option', 'top ' + fmt(n)); o.value = String(n); showCount.appendChild(o);
    });
    if (total <= MAX_DRAWN) { var all = el('option', 'all ' + fmt(total)); all.value = String(total); showCount.appendChild(all); }
    showCount.value = String(shownLimit);
    showCount.addEventListener('change', function () { pinned.clear(); shownLimit = Number(showCount.value); rebuild(); });
  }());

  // ---------------------------------------------------------------- search
  // Searches every entity, drawn or not: drawn matches are ringed and the
  // rest dimmed; the list under the box adds a match that is not drawn.
  var search = document.getElementById('search');
  var searchCount = document.getElementById('search-count');
  var results = document.getElementById('search-results');
  var hits = [];
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    hits = [];
    results.replaceChildren();
    results.hidden = true;
    if (q) {
      data.ranked.forEach(function (d) {
        var names = [d.label].concat(d.aliases || []);
        if (names.some(function (s) { return String(s).toLowerCase().includes(q); })) hits.push(d);
      });
    }
    cy.batch(function () {
      cy.elements().removeClass('faded match');
      if (!q) { searchCount.textContent = ''; return; }
      var drawn = cy.collection();
      hits.forEach(function (d) { var n = cy.getElementById(d.id); if (n.nonempty()) drawn.merge(n); });
      searchCount.textContent = fmt(hits.length) + (hits.length === 1 ? ' match' : ' matches') +
        (drawn.length < hits.length ? ' (' + fmt(drawn.length) + ' drawn)' : '');
      cy.elements().not(drawn.closedNeighborhood()).addClass('faded');
      drawn.addClass('match');
    });
    if (hits.length) {
      hits.slice(0, 30).forEach(function (d) {
        var b = el('button', null, 'hit');
        b.type = 'button';
        var mark = b.appendChild(el('span', null, 'swatch'));
        if (payload.kinds[d.kind]) { mark.style.background = payload.kinds[d.kind].fill; mark.style.borderColor = payload.kinds[d.kind].color; }
        b.appendChild(document.createTextNode(' ' + d.label + ' '));
        b.appendChild(el('span', d.kind + ' · ' + fmt(d.mentions) + (cy.getElementById(d.id).empty() ? ' · not drawn' : ''), 'count'));
        b.addEventListener('mousedown', function (evt) { evt.preventDefault(); pick(d.id); });
        results.appendChild(b);
      });
      if (hits.length > 30) results.appendChild(el('div', (hits.length - 30) + ' more: type more letters', 'count'));
      results.hidden = document.activeElement !== search;
    }
    labelsLater();
  }
  function pick(id) {
    var n = ensureNode(id);
    results.hidden = true;
    runSearchMarks();
    show(n);
    cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
  }
  function runSearchMarks() {
    cy.batch(function () {
      cy.elements().removeClass('faded match');
      var drawn = cy.collection();
      hits.forEach(function (d) { var n = cy.getElementById(d.id); if (n.nonempty()) drawn.merge(n); });
      if (!hits.length) return;
      cy.elements().not(drawn.closedNeighborhood()).addClass('faded');
      drawn.addClass('match');
    });
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('focus', function () { if (results.childNodes.length) results.hidden = false; });
  search.addEventListener('blur', function () { results.hidden = true; });
  search.addEventListener('keydown', function (evt) {
    if (evt.key === 'Escape') { results.hidden = true; return; }
    if (evt.key !== 'Enter' || !hits.length) return;
    pick(hits[0].id);
  });
  document.getElementById('fit').addEventListener('click', function () { cy.fit(cy.elements(':visible'), 30); });

  rebuild();
  showLegend();
  // Hooks for tests and for the curious in the browser console.
  window.ergraph = { cy: cy, data: data, show: show, applyFilters: applyFilters, reveal: reveal,
    edgePanel: edgePanel, nodePanel: nodePanel, readyAt: performance.now() };
  document.body.dataset.ready = 'true';
}());
