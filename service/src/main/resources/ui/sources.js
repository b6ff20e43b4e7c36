'use strict';
// The sources page: /ui/api/sources once a second, one row per source, linking its page.
(function () {
  const body = document.querySelector('#sources tbody');
  const status = document.getElementById('status');
  const empty = document.getElementById('empty');

  function row(s) {
    const tr = document.createElement('tr');
    tr.dataset.source = s.source_id;
    const name = vs.el('td');
    const a = vs.el('a', s.source_id);
    a.href = vs.sourceUrl(s.source_id);
    name.appendChild(a);
    tr.appendChild(name);
    tr.appendChild(vs.el('td', s.fps.toFixed(1), 'num'));
    tr.appendChild(vs.el('td', s.delay_ms == null ? '–' : s.delay_ms + ' ms', 'num'));
    tr.appendChild(vs.el('td', s.lag == null ? '–' : s.lag, 'num'));
    tr.appendChild(vs.el('td', s.dead_letters_per_minute, 'num'));
    tr.appendChild(vs.el('td', Object.entries(s.models).map(([t, m]) => t + ': ' + m).join(', ') || '–'));
    tr.appendChild(vs.el('td', vs.time(s.last_frame_at), 'num'));
    tr.appendChild(vs.el('td', s.stale ? 'stale' : 'live', s.stale ? 'stale' : 'live'));
    return tr;
  }

  async function refresh() {
    try {
      const r = await fetch(vs.api('sources'), { cache: 'no-store' });
      const data = await r.json();
      body.replaceChildren(...data.sources.map(row));
      empty.hidden = data.sources.length > 0;
      status.textContent = 'updated ' + vs.time(data.now);
    } catch (e) {
      status.textContent = 'not reachable';
    }
  }
  refresh();
  setInterval(refresh, 1000);
})();
