// compare-crf.js - run by tools/compare-crf: CRFsuite vs newstag on the same splits.
'use strict';
const fs = require('fs');
const { execFileSync } = require('child_process');
const crfsuite = require('crfsuite');
const [nt, corpus, fre, model] = process.argv.slice(2);

const load = (p) => fs.existsSync(p) ? fs.readFileSync(p, 'utf8').split('\n').filter(Boolean).map(JSON.parse) : null;

// newstag's own tokens, so both systems see the same units
function tokens(text) {
  const out = execFileSync(nt, ['tokenize', '--format', 'jsonl', '-'], { input: text, maxBuffer: 1 << 28 });
  return out.toString().split('\n').filter(Boolean).map(JSON.parse);
}

function shape(w) {
  return w.replace(/\p{Lu}/gu, 'X').replace(/\p{Ll}/gu, 'x').replace(/\d/g, 'd').replace(/(.)\1+/g, '$1');
}

function features(toks, i) {
  const f = [];
  const w = (k) => (toks[i + k] && toks[i + k].sentence === toks[i].sentence) ? toks[i + k].text : null;
  const cur = toks[i].text, low = cur.toLowerCase();
  f.push('w=' + low, 'suf2=' + low.slice(-2), 'suf3=' + low.slice(-3), 'suf4=' + low.slice(-4),
         'pre3=' + low.slice(0, 3), 'sh=' + shape(cur));
  if (/^\p{Lu}/u.test(cur)) f.push('title');
  if (/^\p{Lu}+$/u.test(cur) && cur.length > 1) f.push('upper');
  for (const k of [-2, -1, 1, 2]) {
    const x = w(k);
    f.push(`w${k}=` + (x === null ? (k < 0 ? 'BOS' : 'EOS') : x.toLowerCase()));
    if (x !== null && (k === -1 || k === 1)) f.push(`sh${k}=` + shape(x));
  }
  return f;
}

// features timed apart from tokenizing (which runs newstag in a child process)
let featureMs = 0;
function sequences(docs) {
  const allToks = docs.map((d) => tokens(d.text));
  return docs.map((d, k) => {
    const toks = allToks[k];
    const t0 = process.hrtime.bigint();
    const tags = toks.map(() => 'O');
    for (const e of d.entities || []) {
      let first = true;
      toks.forEach((t, i) => {
        if (t.start >= e.start && t.end <= e.end) { tags[i] = (first ? 'B-' : 'I-') + e.type; first = false; }
      });
    }
    // one sequence per sentence
    const seqs = [];
    let cur = null;
    toks.forEach((t, i) => {
      if (!cur || t.sentence !== cur.sentence) { cur = { sentence: t.sentence, x: [], y: [], t: [] }; seqs.push(cur); }
      cur.x.push(features(toks, i)); cur.y.push(tags[i]); cur.t.push(t);
    });
    featureMs += Number(process.hrtime.bigint() - t0) / 1e6;
    return { doc: d, seqs, ntok: toks.length };
  });
}

function spansOf(tags, toks) {
  const out = [];
  for (let i = 0; i < tags.length; i++) {
    if (tags[i].startsWith('B-') || (tags[i].startsWith('I-') && (i === 0 || tags[i - 1].slice(2) !== tags[i].slice(2)))) {
      const type = tags[i].slice(2);
      let j = i + 1;
      while (j < tags.length && tags[j] === 'I-' + type) j++;
      out.push({ start: toks[i].start, end: toks[j - 1].end, type });
      i = j - 1;
    }
  }
  return out;
}

function score(gold, pred) {
  const res = {};
  for (const type of ['PER', 'LOC', 'ORG']) {
    const g = gold.filter((s) => s.type === type), p = pred.filter((s) => s.type === type);
    const exact = p.filter((s) => g.some((x) => x.start === s.start && x.end === s.end)).length;
    const over = (a, b) => a.start < b.end && b.start < a.end;
    const po = p.filter((s) => g.some((x) => over(x, s))).length, go = g.filter((s) => p.some((x) => over(x, s))).length;
    const f1 = (pp, rr) => (pp + rr ? 2 * pp * rr / (pp + rr) : 0);
    res[type] = { f1: f1(p.length ? exact / p.length : 0, g.length ? exact / g.length : 0),
                  overlap: f1(p.length ? po / p.length : 0, g.length ? go / g.length : 0) };
  }
  return res;
}

const train = load(`${corpus}/train.jsonl`), test = load(`${corpus}/test.jsonl`), freDocs = load(fre);
const trainSeq = sequences(train);
const trainer = new crfsuite.Trainer({ debug: false });
trainer.set_params({ c1: '0.1', c2: '0.01', max_iterations: '150', 'feature.possible_transitions': '1' });
for (const d of trainSeq) for (const s of d.seqs) trainer.append(s.x, s.y);
let t0 = Date.now();
trainer.train('crf.model');
const crfTrain = (Date.now() - t0) / 1000;
const tagger = new crfsuite.Tagger();
t0 = process.hrtime.bigint();
tagger.open('crf.model');
const crfLoadMs = Number(process.hrtime.bigint() - t0) / 1e6;

function evalCrf(docs) {
  featureMs = 0;
  const seqs = sequences(docs);
  let gold = [], pred = [], ntok = 0, ms = 0;
  seqs.forEach((d, k) => {
    const off = k * 1e9; // keep documents apart in one span list
    for (const s of d.seqs) {
      const t1 = process.hrtime.bigint();
      const out = tagger.tag(s.x);
      const tags = Array.isArray(out) ? out : out.result; // the binding returns the tags themselves
      ms += Number(process.hrtime.bigint() - t1) / 1e6;
      pred.push(...spansOf(tags, s.t).map((x) => ({ ...x, start: x.start + off, end: x.end + off })));
    }
    gold.push(...(d.doc.entities || []).map((e) => ({ start: e.start + off, end: e.end + off, type: e.type })));
    ntok += d.ntok;
  });
  return { score: score(gold, pred), tps: ntok / (ms / 1000), tpsFeatures: ntok / ((ms + featureMs) / 1000), ntok };
}

function evalNewstag(docs) {
  const input = docs.map((d) => JSON.stringify({ id: d.id, text: d.text })).join('\n') + '\n';
  const out = execFileSync(nt, ['classify', '--model', model, '--input', 'jsonl', '--format', 'jsonl', '--threads', '1', '--stats', '-'],
                           { input, maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = out.toString().split('\n').filter(Boolean).map(JSON.parse);
  let gold = [], pred = [];
  lines.forEach((r, k) => {
    const off = k * 1e9;
    pred.push(...r.entities.map((e) => ({ start: e.start + off, end: e.end + off, type: e.type })));
    gold.push(...(docs[k].entities || []).map((e) => ({ start: e.start + off, end: e.end + off, type: e.type })));
  });
  return { score: score(gold, pred) };
}

const fmt = (x) => x.toFixed(4);
const rows = [];
for (const [name, docs] of [['test', test], ['factRuEval', freDocs]]) {
  if (!docs) continue;
  const c = evalCrf(docs), n = evalNewstag(docs);
  rows.push([name, n, c]);
}
console.log(`CRFsuite (L-BFGS, c1 0.1, c2 0.01, 150 iterations) trained in ${crfTrain.toFixed(1)} s on ${train.length} articles`);
console.log('split        type  newstag   CRF     (exact F1; ORG overlap F1 in brackets)');
for (const [name, n, c] of rows)
  for (const type of ['PER', 'LOC', 'ORG'])
    console.log(`${name.padEnd(12)} ${type}   ${fmt(n.score[type].f1)}  ${fmt(c.score[type].f1)}   ` +
                (type === 'ORG' ? `(${fmt(n.score.ORG.overlap)} vs ${fmt(c.score.ORG.overlap)})` : ''));
console.log(`CRF tagging throughput (one thread): ${Math.round(rows[0][2].tps)} tokens/s in tag calls only, ` +
            `${Math.round(rows[0][2].tpsFeatures)} tokens/s with feature extraction`);
// one line for tools/bench
const micro = (sc) => ['PER', 'LOC', 'ORG'].map((t) => sc[t].f1);
console.log('BENCH ' + JSON.stringify({ train_s: crfTrain, tps_tag: rows[0][2].tps, tps_features: rows[0][2].tpsFeatures,
  load_ms: crfLoadMs, model_bytes: fs.statSync('crf.model').size, test_f1: micro(rows[0][2].score),
  fre_f1: rows[1] ? micro(rows[1][2].score) : null, fre_org_overlap: rows[1] ? rows[1][2].score.ORG.overlap : null,
  rss_mb: process.resourceUsage().maxRSS / 1024 }));
