// Reads ergraph's GEXF and Cytoscape.js exports with their JavaScript
// readers and prints one JSON line of what they saw; the Rust test
// (tests/readers.rs) compares it with the graph.
//
//   node tests/js/check-exports.mjs graph.gexf graph.cyjs
//
// graphology-gexf throws on a duplicate node, a dangling edge and an
// undeclared attribute; Cytoscape.js throws on a dangling edge and silently
// drops an edge whose id is a node's, so the counts must match exactly.
import fs from 'node:fs';
import Graph from 'graphology';
import gexf from 'graphology-gexf';
import cytoscape from 'cytoscape';

const [gexfPath, cyjsPath] = process.argv.slice(2);
const out = {};

const g = gexf.parse(Graph, fs.readFileSync(gexfPath, 'utf8'));
out.gexf = {
  type: g.type,
  multi: g.multi,
  nodes: g.order,
  edges: g.size,
  kinds: [...new Set(g.mapEdges((e, a) => a.kind))].sort(),
  kindIsRelation: g.everyEdge((e, a) => a.kind === a.relation),
  colored: g.everyNode((n, a) => typeof a.color === 'string' && a.color.startsWith('rgb')),
  sized: g.everyNode((n, a) => Number.isFinite(a.size) && a.size > 0),
  aliasLists: g.everyNode((n, a) => Array.isArray(a.aliases)),
};

const data = JSON.parse(fs.readFileSync(cyjsPath, 'utf8'));
const cy = cytoscape({ headless: true, elements: data.elements });
const nodeIds = new Set(cy.nodes().map((n) => n.id()));
out.cyjs = {
  nodes: cy.nodes().length,
  edges: cy.edges().length,
  declaredEdges: data.elements.edges.length,
  edgeIdsAreNodeIds: cy.edges().filter((e) => nodeIds.has(e.id())).length,
  parallel: cy.edges().filter((e) => e.parallelEdges().length > 1).length,
  loops: cy.edges().filter((e) => e.isLoop()).length,
};
console.log(JSON.stringify(out));
