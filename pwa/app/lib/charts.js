// Small SVG charts: bars per week (with a target) and a line with a shaded band. Each chart is a
// <figure> with a caption, an accessible summary and a "show the numbers" table.
import { h, s } from "./dom.js";
import { t, fmtNumber } from "./i18n.js";

const W = 340;
const H = 190;
const PAD = { top: 16, right: 12, bottom: 30, left: 34 };

function frame(title, summary, svgChildren, table, legend) {
  const svg = s("svg", { class: "chart-svg", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": summary,
    preserveAspectRatio: "xMidYMid meet" }, svgChildren);
  return h("figure", { class: "chart" },
    h("figcaption", { class: "chart-title" }, title),
    svg,
    legend ? h("div", { class: "chart-legend" }, legend) : null,
    h("details", { class: "chart-details" }, h("summary", {}, t("chart.show_numbers")), table));
}

function scale(min, max, lo, hi) { return (value) => hi - ((value - min) / (max - min || 1)) * (hi - lo); }

function ticksFor(max) {
  if (max <= 5) return [0, 1, 2, 3, 4, 5].filter((v) => v <= max);
  const step = max <= 10 ? 2 : max <= 40 ? 10 : max <= 100 ? 20 : max <= 200 ? 50 : 100;
  const ticks = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return ticks;
}

function grid(y, ticks, x0, x1) {
  return ticks.map((v) => [
    s("line", { class: "chart-grid", x1: x0, x2: x1, y1: y(v), y2: y(v) }),
    s("text", { class: "chart-axis", x: x0 - 6, y: y(v) + 4, "text-anchor": "end" }, String(v)),
  ]);
}

function xLabels(labels, xCenter) {
  const every = labels.length > 8 ? Math.ceil(labels.length / 8) : 1;
  // The last label is added only when it does not crowd the one shown before it (about 6.5
  // user units per character at the axis font size).
  const last = labels.length - 1;
  const before = Math.floor(last / every) * every;
  const room = last > 0 ? xCenter(last) - xCenter(before) : 0;
  const width = Math.max(...labels.map((l) => String(l).length), 1) * 6.5;
  return labels.map((label, i) => (i % every === 0 || (i === last && room >= width)
    ? s("text", { class: "chart-axis", x: xCenter(i), y: H - 10, "text-anchor": "middle" }, label) : null));
}

function table(labels, columns, rowLabel = t("chart.week")) {
  return h("table", { class: "table table-compact" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, rowLabel), columns.map((c) => h("th", { scope: "col" }, c.name)))),
    h("tbody", {}, labels.map((label, i) => h("tr", {},
      h("th", { scope: "row" }, label), columns.map((c) => h("td", {}, c.format(c.values[i])))))));
}

/** Bars per week; `target` draws the planned amount behind each bar (sessions vs contract);
 * `inner` (optional) draws a part of each bar darker (hard minutes inside all minutes). */
export function barChart({ title, labels, values, target = null, unit = "", summary, inner = null, innerLabel = "",
  max: fixedMax = null, format = null }) {
  const top = fixedMax || Math.max(1, ...values, ...(target || []).filter((v) => v != null));
  const ticks = ticksFor(Math.ceil(top));
  const max = Math.max(top, ticks[ticks.length - 1]);
  const x0 = PAD.left;
  const x1 = W - PAD.right;
  const y = scale(0, max, PAD.top, H - PAD.bottom);
  const slot = (x1 - x0) / Math.max(1, labels.length);
  const bw = Math.min(30, slot * 0.62);
  const xCenter = (i) => x0 + slot * i + slot / 2;
  const parts = [grid(y, ticks, x0, x1)];
  labels.forEach((label, i) => {
    if (target && target[i] != null) {
      parts.push(s("rect", { class: "chart-target", x: xCenter(i) - bw / 2 - 3, width: bw + 6,
        y: y(target[i]), height: Math.max(0, y(0) - y(target[i])), rx: 5 }));
    }
    const v = values[i] || 0;
    const met = target && target[i] != null && v >= target[i];
    parts.push(s("rect", { class: ["chart-bar", met ? "chart-bar-met" : ""], x: xCenter(i) - bw / 2, width: bw,
      y: y(v), height: Math.max(v ? 2 : 0, y(0) - y(v)), rx: 4 }));
    const part = inner ? inner[i] || 0 : 0;
    if (part) {
      parts.push(s("rect", { class: "chart-bar-inner", x: xCenter(i) - bw / 2 + 4, width: Math.max(2, bw - 8),
        y: y(part), height: Math.max(2, y(0) - y(part)), rx: 2 }));
    }
  });
  parts.push(xLabels(labels, xCenter));
  const legend = target ? [
    h("span", { class: "legend legend-bar" }, t("chart.done")),
    h("span", { class: "legend legend-met" }, t("chart.met")),
    h("span", { class: "legend legend-target" }, t("chart.planned")),
    inner ? h("span", { class: "legend legend-inner" }, innerLabel) : null,
  ] : null;
  // `format` words the table's cells when a value can be hidden (null), e.g. a small count as "< 5"
  const columns = [{ name: title, values, format: format || ((v) => `${v ?? 0}${unit}`) }];
  if (inner) columns.push({ name: innerLabel, values: inner, format: (v) => `${v ?? 0}${unit}` });
  if (target) columns.push({ name: t("chart.planned"), values: target, format: format || ((v) => String(v ?? "–")) });
  return frame(title, summary, parts, table(labels, columns), legend);
}

/** A line over weeks (null = no data that week); `band` shades the target range; `refs` draws
 * labelled dashed reference lines ([{value, label, kind}]: a baseline, an important-change threshold). */
export function lineChart({ title, labels, values, min, max, band = null, bandLabel = "", summary, ticks, refs = [],
  rowLabel = undefined }) {
  const x0 = PAD.left;
  const x1 = W - PAD.right;
  const y = scale(min, max, PAD.top, H - PAD.bottom);
  const slot = (x1 - x0) / Math.max(1, labels.length);
  const xCenter = (i) => x0 + slot * i + slot / 2;
  const parts = [];
  if (band) {
    parts.push(s("rect", { class: "chart-band", x: x0, width: x1 - x0, y: y(band[1]), height: y(band[0]) - y(band[1]) }));
  }
  parts.push(ticks.map((v) => [
    s("line", { class: "chart-grid", x1: x0, x2: x1, y1: y(v), y2: y(v) }),
    s("text", { class: "chart-axis", x: x0 - 6, y: y(v) + 4, "text-anchor": "end" }, String(v)),
  ]));
  const shownRefs = refs.filter((r) => r.value !== null && r.value !== undefined && r.value >= min && r.value <= max);
  parts.push(shownRefs.map((r) => s("line", { class: ["chart-ref", `chart-ref-${r.kind || "base"}`], x1: x0, x2: x1,
    y1: y(r.value), y2: y(r.value) })));
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || v === undefined) { pen = false; return; }
    d += `${pen ? "L" : "M"}${xCenter(i).toFixed(1)} ${y(v).toFixed(1)} `;
    pen = true;
  });
  if (d) parts.push(s("path", { class: "chart-line", d }));
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) parts.push(s("circle", { class: "chart-dot", cx: xCenter(i), cy: y(v), r: 4.5 }));
  });
  parts.push(xLabels(labels, xCenter));
  const legend = band || shownRefs.length ? [band ? h("span", { class: "legend legend-band" }, bandLabel) : null,
    shownRefs.map((r) => h("span", { class: ["legend", `legend-ref-${r.kind || "base"}`] }, r.label))] : null;
  return frame(title, summary, parts,
    table(labels, [{ name: title, values, format: (v) => fmtNumber(v) }], rowLabel), legend);
}
