// A small time-series line chart on <canvas>: a sliding window of points (30 s, 1 min, then 2 min
// as data comes in, so a fresh page is not a sliver at the right edge), nice axis steps, gaps where
// a value is missing (NaN), sharp on high-density screens, redrawn when its box resizes.
import { el } from './format.js';

const PAD = { left: 58, right: 14, top: 12, bottom: 26 };
/** The time windows, smallest first, with the step of their time axis's ticks (seconds). */
const WINDOWS = [{ seconds: 30, tick: 10 }, { seconds: 60, tick: 15 }, { seconds: 120, tick: 30 }];

export class LineChart {
  /**
   * @param canvas   where to draw; its CSS box decides the size
   * @param legend   an element that gets one entry per series with its latest value
   * @param options  {title, series: [{label, color: CSS custom property}], format: value => text,
   *                  floor: the least top of the y axis}
   */
  constructor(canvas, legend, { title, series, format, floor = 1 }) {
    this.canvas = canvas;
    this.legend = legend;
    this.title = title;
    this.series = series;
    this.format = format;
    this.floor = floor;
    this.points = []; // {time, values: [one per series]}
    canvas.dataset.points = '0';
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  push(time, values) {
    this.points.push({ time, values });
    const oldest = time - WINDOWS.at(-1).seconds * 1000 - 10_000;
    while (this.points.length && this.points[0].time < oldest) {
      this.points.shift();
    }
    this.canvas.dataset.points = String(this.points.length);
    this.updateLegend();
    this.draw();
  }

  updateLegend() {
    const latest = this.points.at(-1)?.values ?? [];
    const entries = this.series.map((s, i) => el('span', { className: 'legend-item' },
      el('span', { className: `swatch swatch-${s.color.replace('--series-', '')}` }), `${s.label} `, el('strong', {}, this.format(latest[i]))));
    this.legend.replaceChildren(...entries);
    const said = this.series.map((s, i) => `${s.label} ${this.format(latest[i])}`).join(', ');
    this.canvas.setAttribute('aria-label', `${this.title}, latest: ${said}`);
  }

  draw() {
    const { canvas } = this;
    const box = canvas.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) {
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(box.width * ratio);
    canvas.height = Math.round(box.height * ratio);
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    const width = box.width;
    const height = box.height;
    const style = getComputedStyle(canvas);
    const color = (name) => style.getPropertyValue(name).trim() || '#333';
    const plot = { x: PAD.left, y: PAD.top, w: width - PAD.left - PAD.right, h: height - PAD.top - PAD.bottom };
    const now = this.points.at(-1)?.time ?? Date.now();
    const span = now - (this.points[0]?.time ?? now);
    const frame = WINDOWS.find((w) => w.seconds * 1000 >= span) ?? WINDOWS.at(-1);
    const windowMs = frame.seconds * 1000;
    const start = now - windowMs;
    const visible = this.points.filter((p) => p.time >= start);
    // Four steps of a nice size: 0, 10, 20, 30, 40 rather than 0, 12.5, 25, ...
    const top = 4 * niceCeil(Math.max(this.floor, ...visible.flatMap((p) => p.values.filter(Number.isFinite))) / 4);

    g.clearRect(0, 0, width, height);
    g.font = '11px system-ui, sans-serif';
    g.lineWidth = 1;
    // Horizontal grid and the y axis's values.
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let i = 0; i <= 4; i++) {
      const y = Math.round(plot.y + plot.h - (plot.h * i) / 4) + 0.5;
      g.strokeStyle = color('--grid');
      g.beginPath();
      g.moveTo(plot.x, y);
      g.lineTo(plot.x + plot.w, y);
      g.stroke();
      g.fillStyle = color('--muted');
      g.fillText(this.format((top * i) / 4), plot.x - 8, y);
    }
    // The time axis: how long ago.
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (let s = frame.seconds; s >= 0; s -= frame.tick) {
      const x = plot.x + plot.w * (1 - s / frame.seconds);
      g.fillText(s === 0 ? 'now' : `-${s >= 60 && s % 60 === 0 ? `${s / 60}m` : `${s}s`}`, x, plot.y + plot.h + 8);
    }

    if (visible.length < 2) {
      g.textBaseline = 'middle';
      g.fillStyle = color('--muted');
      g.font = '13px system-ui, sans-serif';
      g.fillText('Collecting data…', plot.x + plot.w / 2, plot.y + plot.h / 2);
      this.canvas.dataset.drawn = 'false';
      return;
    }
    const xOf = (time) => plot.x + plot.w * ((time - start) / windowMs);
    const yOf = (value) => plot.y + plot.h - plot.h * (value / top);
    g.save();
    g.beginPath();
    g.rect(plot.x, plot.y - 2, plot.w, plot.h + 4);
    g.clip();
    this.series.forEach((s, index) => {
      const stroke = color(s.color);
      const runs = segments(visible, index);
      if (index === 0) {
        // A light fill under the first series gives the chart its weight.
        g.fillStyle = stroke;
        g.globalAlpha = 0.08;
        for (const run of runs) {
          g.beginPath();
          g.moveTo(xOf(run[0].time), yOf(0));
          run.forEach((p) => g.lineTo(xOf(p.time), yOf(p.value)));
          g.lineTo(xOf(run.at(-1).time), yOf(0));
          g.closePath();
          g.fill();
        }
        g.globalAlpha = 1;
      }
      g.strokeStyle = stroke;
      g.lineWidth = 2;
      g.lineJoin = 'round';
      for (const run of runs) {
        g.beginPath();
        run.forEach((p, i) => (i === 0 ? g.moveTo : g.lineTo).call(g, xOf(p.time), yOf(p.value)));
        if (run.length === 1) {
          g.arc(xOf(run[0].time), yOf(run[0].value), 1.5, 0, 2 * Math.PI);
        }
        g.stroke();
      }
    });
    g.restore();
    this.canvas.dataset.drawn = 'true';
  }
}

/** The runs of consecutive finite values of one series: a missing value breaks the line. */
function segments(points, index) {
  const runs = [];
  let run = [];
  for (const p of points) {
    const value = p.values[index];
    if (Number.isFinite(value)) {
      run.push({ time: p.time, value });
    } else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) {
    runs.push(run);
  }
  return runs;
}

/** The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at least `value`. */
export function niceCeil(value) {
  if (!(value > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * power >= value * 0.999999) {
      return step * power;
    }
  }
  return 10 * power;
}
