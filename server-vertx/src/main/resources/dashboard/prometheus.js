// The Prometheus text exposition format (version 0.0.4), read into samples: just enough of it for
// the dashboard's charts, but read properly: label values may hold escaped quotes, commas and braces.

/**
 * Every sample of an exposition: {name, labels: {label: value}, value}. Comments (# HELP, # TYPE)
 * and blank lines are skipped; a line that is not a sample is ignored rather than fatal, so a
 * newer server with more series never breaks the page.
 */
export function parseExposition(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const sample = parseLine(line);
    if (sample) {
      samples.push(sample);
    }
  }
  return samples;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function parseLine(line) {
  const name = NAME.exec(line)?.[0];
  if (!name) {
    return null;
  }
  let rest = line.slice(name.length);
  const labels = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    for (;;) {
      rest = rest.trimStart();
      if (rest.startsWith('}')) {
        rest = rest.slice(1);
        break;
      }
      const label = LABEL_NAME.exec(rest)?.[0];
      if (!label || rest[label.length] !== '=' || rest[label.length + 1] !== '"') {
        return null;
      }
      rest = rest.slice(label.length + 2);
      const [value, used] = quoted(rest);
      if (used < 0) {
        return null;
      }
      labels[label] = value;
      rest = rest.slice(used).trimStart();
      if (rest.startsWith(',')) {
        rest = rest.slice(1);
      }
    }
  }
  const value = number(rest.trim().split(/\s+/)[0]);
  return Number.isNaN(value) && !/^\s*NaN/.test(rest) ? null : { name, labels, value };
}

/** The value of a quoted label up to its closing quote, and how many characters it took (-1: unclosed). */
function quoted(text) {
  let value = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      return [value, i + 1];
    }
    if (c === '\\' && i + 1 < text.length) {
      const next = text[++i];
      value += next === 'n' ? '\n' : next;
    } else {
      value += c;
    }
  }
  return ['', -1];
}

function number(token) {
  switch (token) {
    case '+Inf': return Infinity;
    case '-Inf': return -Infinity;
    case 'NaN': return NaN;
    default: return token === undefined || token === '' ? NaN : Number(token);
  }
}

/**
 * A quantile of the observations between two scrapes of one cumulative histogram: buckets are
 * [upper bound, cumulative count] sorted by bound, from the earlier and the later scrape. Linear
 * within the bucket, as Prometheus's histogram_quantile does; NaN when nothing was observed.
 */
export function quantileBetween(q, before, after) {
  const earlier = new Map(before.map(([le, n]) => [le, n]));
  const deltas = after.map(([le, n]) => [le, n - (earlier.get(le) ?? 0)]);
  const total = deltas.length ? deltas[deltas.length - 1][1] : 0;
  if (!(total > 0)) {
    return NaN;
  }
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, cumulative] of deltas) {
    if (cumulative >= rank) {
      if (le === Infinity) {
        return lowerBound; // beyond the last finite bound: the best that can be said
      }
      const inBucket = cumulative - lowerCount;
      return inBucket > 0 ? lowerBound + (le - lowerBound) * ((rank - lowerCount) / inBucket) : le;
    }
    lowerBound = le;
    lowerCount = cumulative;
  }
  return lowerBound;
}
