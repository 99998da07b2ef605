// Line icons (24 x 24, drawn with the current text colour), decorative unless given a label.
import { s } from "./dom.js";

const PATHS = {
  today: "M12 7.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9z M12 2v2.2 M12 19.8V22 M4.9 4.9l1.6 1.6 M17.5 17.5l1.6 1.6 M2 12h2.2 M19.8 12H22 M4.9 19.1l1.6-1.6 M17.5 6.5l1.6-1.6",
  diary: "M3.5 3.5v17h17 M7.5 15l4-4.5 3 3 5.5-6.5",
  learn: "M2.5 5.5c2.8-1.6 6.2-1.6 9.5.6 3.3-2.2 6.7-2.2 9.5-.6v13.6c-2.8-1.5-6.2-1.5-9.5.6-3.3-2.1-6.7-2.1-9.5-.6z M12 6.1v13.6",
  me: "M12 3.5a4 4 0 1 1 0 8 4 4 0 0 1 0-8z M4 20.5c.6-4 3.8-6.2 8-6.2s7.4 2.2 8 6.2",
  check: "M5 12.5l4.5 4.5L19 7.5",
  chevron: "M9.5 5.5l6.5 6.5-6.5 6.5",
  back: "M14.5 5.5L8 12l6.5 6.5",
  bell: "M6 16.5v-5.5a6 6 0 0 1 12 0v5.5l1.8 1.8H4.2z M10 20.5a2.2 2.2 0 0 0 4 0",
  offline: "M3 3l18 18 M8.5 8.6A5.5 5.5 0 0 0 6.6 19H17 M10.7 5.6A6 6 0 0 1 18 10.4h.5a4 4 0 0 1 2.8 6.9",
  clock: "M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18z M12 7v5.2l3.3 2",
  users: "M9 11a3.8 3.8 0 1 0 0-7.6A3.8 3.8 0 0 0 9 11z M2.5 20.5c.4-3.6 3-5.6 6.5-5.6s6.1 2 6.5 5.6 M15.5 3.6a3.8 3.8 0 0 1 0 7.3 M18 14.8c2 .6 3.2 2.6 3.5 5.7",
  flag: "M5.5 21V3.8 M5.5 4h12l-2.5 4.5 2.5 4.5h-12",
  plus: "M12 5v14 M5 12h14",
  heart: "M12 20s-7.5-4.6-7.5-10.2A4.2 4.2 0 0 1 12 7.3a4.2 4.2 0 0 1 7.5 2.5C19.5 15.4 12 20 12 20z",
  activity: "M2.5 12h4l3-7.5 5 15 3-7.5h4",
  contract: "M6 2.5h8.5l4.5 4.5v14.5H6z M14 2.5V7.5h5 M9 12.5h7 M9 16.5h5",
  clipboard: "M9 2.8h6v3.4H9z M7.5 4.5H5v17h14v-17h-2.5 M8.5 11.5h7 M8.5 15.5h5",
  install: "M12 3v11.5 M7.5 10l4.5 4.5 4.5-4.5 M5 20.5h14",
  globe: "M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18z M3.2 12h17.6 M12 3c2.4 2.6 3.6 5.6 3.6 9s-1.2 6.4-3.6 9 M12 3C9.6 5.6 8.4 8.6 8.4 12s1.2 6.4 3.6 9",
  logout: "M14.5 4H19v16h-4.5 M10 8l-4 4 4 4 M6 12h10",
  info: "M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18z M12 11v6 M12 7.4v.2",
  alert: "M12 3.5l9.5 16.5h-19z M12 10v5 M12 17.6v.2",
  trash: "M4 7h16 M9.5 7V4h5v3 M6 7l1 13.5h10L18 7",
  edit: "M4 20h4L19.2 8.8a2.3 2.3 0 0 0-3.2-3.2L4.8 16.8z",
  calendar: "M4 5.5h16v15H4z M4 10h16 M8.5 3v4 M15.5 3v4",
  search: "M11 4a7 7 0 1 1 0 14 7 7 0 0 1 0-14z M20 20l-4-4",
  star: "M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.8z",
  send: "M4 12l16-8-6 17-3-7z M11 14l9-10",
  book: "M5 3.5h12.5v17H5z M8.5 3.5v17",
  sparkle: "M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8z M19 16l.8 2.2 2.2.8-2.2.8L19 22l-.8-2.2L16 19l2.2-.8z",
  close: "M6 6l12 12 M18 6L6 18",
  key: "M14.5 3a6.5 6.5 0 1 1-6 9L3 17.5V21h3.5v-2h2v-2h2l1-1A6.5 6.5 0 0 1 14.5 3z M16.5 7.5v.2",
  minus: "M5 12h14",
  shield: "M12 3l7.5 3v5.5c0 4.6-3.2 8.2-7.5 9.5-4.3-1.3-7.5-4.9-7.5-9.5V6z M9 12l2 2 4-4",
  download: "M12 3.5v11.5 M7 10l5 5 5-5 M4.5 20.5h15",
};

export function icon(name, { label = null, cls = "" } = {}) {
  const attrs = { class: ["icon", cls], viewBox: "0 0 24 24", fill: "none", stroke: "currentColor",
    "stroke-width": "2", "stroke-linecap": "round", "stroke-linejoin": "round", focusable: "false" };
  if (label) { attrs.role = "img"; attrs["aria-label"] = label; } else attrs["aria-hidden"] = "true";
  return s("svg", attrs, label ? s("title", {}, label) : null, s("path", { d: PATHS[name] || PATHS.info }));
}
