'use strict';
// Shared by the pages: small helpers, no dependencies (nothing is loaded from outside this server).
const vs = {
  el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  },
  time(ms) {
    return ms == null ? '–' : new Date(ms).toISOString().replace('T', ' ').replace('Z', '').slice(0, 23);
  },
  api(path) { return '/ui/api/' + path; },
  sourceUrl(id) { return '/ui/source/' + encodeURIComponent(id); },
};
