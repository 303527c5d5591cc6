// Numbers, sizes and durations for people; one place so that every card writes them alike.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function count(n) {
  return Number.isFinite(n) ? integer.format(n) : '–';
}

/** 0.5, 12.3, 1,234 requests a second. */
export function rate(perSecond) {
  if (!Number.isFinite(perSecond)) {
    return '–';
  }
  return perSecond >= 100 ? integer.format(perSecond) : decimal.format(perSecond);
}

export function bytes(n) {
  if (!Number.isFinite(n)) {
    return '–';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** Milliseconds, with the precision that matters at each scale: 0.042 ms, 3.1 ms, 250 ms, 1.2 s. */
export function millis(ms) {
  if (!Number.isFinite(ms)) {
    return '–';
  }
  if (ms === 0) {
    return '0 ms';
  }
  if (ms >= 1000) {
    return `${(ms / 1000).toFixed(ms >= 10000 ? 0 : 1)} s`;
  }
  if (ms >= 10) {
    return `${ms.toFixed(0)} ms`;
  }
  if (ms >= 1) {
    return `${Number.isInteger(ms) ? ms : ms.toFixed(1)} ms`;
  }
  return `${ms.toPrecision(2)} ms`;
}

/** A similarity or a distance: enough digits to tell neighbours apart. */
export function score(value) {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

export function clock(date) {
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

/** Builds an element: el('td', {className: 'num'}, 'text', child, ...). Text is never parsed as HTML. */
export function el(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  for (const child of children) {
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}
