'use strict';
// A source's page: one event stream (/ui/api/source/{id}/stream); the newest frame drawn on the
// canvas with its boxes, labels, scores, track ids, mask, zones and lines (older frames are skipped
// while an image loads: latest wins); Tags, results and the timeline beside it.
(function () {
  const id = decodeURIComponent(location.pathname.split('/').pop());
  const base = vs.api('source/' + encodeURIComponent(id) + '/');
  const canvas = document.getElementById('frame');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const status = document.getElementById('status');
  const BOX = '#ff00ff';
  const PALETTE = [[0, 0, 0], [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48],
    [145, 30, 180], [70, 240, 240], [255, 150, 120], [210, 245, 60], [250, 190, 212], [0, 128, 128],
    [220, 190, 255], [170, 110, 40], [255, 250, 200], [128, 0, 0], [170, 255, 195], [128, 128, 0],
    [255, 215, 180], [0, 0, 128], [128, 128, 128]];
  document.getElementById('title').textContent = id;
  document.title = 'Vision Streams · ' + id;

  // What the tests (and curious people) read: every frame received, what was drawn, the stream's state.
  const state = window.__vs = { received: [], drawn: 0, last: null, moments: 0, zones: null, lastId: null, es: null,
    box: BOX, reconnect: null };
  let latest = null;
  let loading = false;

  function loadImage(url) {
    return new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('no image at ' + url));
      img.src = url;
    });
  }

  function drawMask(mask) {
    const off = document.createElement('canvas');
    off.width = mask.naturalWidth;
    off.height = mask.naturalHeight;
    const o = off.getContext('2d', { willReadFrequently: true });
    o.drawImage(mask, 0, 0);
    const px = o.getImageData(0, 0, off.width, off.height);
    for (let i = 0; i < px.data.length; i += 4) {
      const c = px.data[i];
      const rgb = PALETTE[c % PALETTE.length];
      px.data[i] = rgb[0]; px.data[i + 1] = rgb[1]; px.data[i + 2] = rgb[2];
      px.data[i + 3] = c === 0 ? 0 : 110;
    }
    o.putImageData(px, 0, 0);
    ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
  }

  function point(p) {
    if (Array.isArray(p)) return [p[0], p[1]];
    return [p.x, p.y];
  }

  // Zones (polygons) and directed lines (polylines), normalized coordinates, as the Zones record has them.
  function drawZones(z) {
    if (!z) return;
    const W = canvas.width, H = canvas.height;
    ctx.lineWidth = Math.max(2, W / 320);
    ctx.font = Math.max(12, Math.round(W / 50)) + 'px system-ui, sans-serif';
    for (const zone of z.zones || []) {
      const poly = zone.polygon || [];
      if (poly.length < 3) continue;
      ctx.strokeStyle = '#ffd33d';
      ctx.fillStyle = 'rgba(255, 211, 61, 0.15)';
      ctx.beginPath();
      poly.forEach((p, i) => i ? ctx.lineTo(p.x * W, p.y * H) : ctx.moveTo(p.x * W, p.y * H));
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = '#ffd33d';
      ctx.fillText(zone.name, poly[0].x * W + 4, poly[0].y * H + 16);
    }
    for (const line of z.lines || []) {
      const pts = line.points || [];
      if (pts.length < 2) continue;
      ctx.strokeStyle = '#00e5ff';
      ctx.beginPath();
      pts.forEach((p, i) => i ? ctx.lineTo(p.x * W, p.y * H) : ctx.moveTo(p.x * W, p.y * H));
      ctx.stroke();
      const a = pts[pts.length - 2], b = pts[pts.length - 1]; // arrow head: the line's direction
      const ang = Math.atan2((b.y - a.y) * H, (b.x - a.x) * W), r = Math.max(8, W / 60);
      ctx.fillStyle = '#00e5ff';
      ctx.beginPath();
      ctx.moveTo(b.x * W, b.y * H);
      ctx.lineTo(b.x * W - r * Math.cos(ang - 0.4), b.y * H - r * Math.sin(ang - 0.4));
      ctx.lineTo(b.x * W - r * Math.cos(ang + 0.4), b.y * H - r * Math.sin(ang + 0.4));
      ctx.closePath();
      ctx.fill();
      ctx.fillText(line.name, b.x * W + 4, b.y * H);
    }
  }

  function drawBoxes(det) {
    if (!det || !det.objects) return;
    const W = canvas.width, H = canvas.height;
    const lw = Math.max(2, Math.round(W / 200));
    ctx.lineWidth = lw;
    ctx.font = Math.max(12, Math.round(W / 45)) + 'px system-ui, sans-serif';
    for (const o of det.objects) {
      const b = o.box;
      const x = b.x_min * W, y = b.y_min * H, w = (b.x_max - b.x_min) * W, h = (b.y_max - b.y_min) * H;
      ctx.strokeStyle = BOX;
      ctx.strokeRect(x, y, w, h);
      const text = (o.track_id != null ? '#' + o.track_id + ' ' : '') + o.label + ' ' + Math.round(o.score * 100) + '%';
      const tw = ctx.measureText(text).width + 6, th = parseInt(ctx.font, 10) + 4;
      const ty = y - th >= 0 ? y - th : y + lw;
      ctx.fillStyle = BOX; ctx.fillRect(x, ty, tw, th);
      ctx.fillStyle = '#000'; ctx.fillText(text, x + 3, ty + th - 5);
    }
  }

  function panel(msg) {
    const tags = document.getElementById('tags');
    const labels = msg.tags ? msg.tags.labels : [];
    tags.replaceChildren(...(labels.length ? labels.map(l => vs.el('li', l.task + ': ' + l.label + ' ' + l.score.toFixed(2)))
      : [vs.el('li', msg.tags ? 'none above the thresholds' : 'no Tags', 'muted')]));
    const res = document.getElementById('results');
    res.replaceChildren(...Object.entries(msg.results).map(([task, r]) => {
      if (r.kind === 'dead-letter') return vs.el('li', task + ': dead letter ' + r.reason, 'dead');
      let s = task + ': ' + (r.model ? r.model.name + ' on ' + r.model.device : '');
      if (r.objects) s += ' · ' + r.objects.length + ' object(s)';
      if (r.top_k && r.top_k.length) s += ' · ' + r.top_k[0].label + ' ' + r.top_k[0].score.toFixed(2);
      if (r.classes) s += ' · ' + r.classes.map(c => c.label).join(', ');
      return vs.el('li', s);
    }));
    document.getElementById('meta').textContent = msg.event_id + ' · captured ' + vs.time(msg.captured_at)
      + ' · ' + msg.id + (msg.dead ? ' · dead-lettered' : '');
  }

  async function draw(msg) {
    loading = true;
    try {
      if (msg.image) {
        const img = await loadImage(base + msg.image);
        const mask = msg.mask ? await loadImage(base + msg.mask).catch(() => null) : null;
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        ctx.drawImage(img, 0, 0);
        if (mask) drawMask(mask);
        drawZones(state.zones);
        drawBoxes(msg.results.detection);
        state.drawn++;
        state.last = msg;
      }
      panel(msg);
    } catch (e) {
      // the image left the server's window (a newer frame replaced it): the next one draws
    }
    loading = false;
    if (latest !== msg) draw(latest);
  }

  function moment(m) {
    const list = document.getElementById('timeline');
    if (list.querySelector('[data-moment="' + m.moment + '"]')) return;
    const li = vs.el('li');
    li.dataset.moment = m.moment;
    if (m.snapshot) {
      const img = vs.el('img');
      img.src = base + m.snapshot;
      img.alt = 'snapshot';
      li.appendChild(img);
    }
    const kind = m.kind === 'dead-letter' ? 'dead letter ' + m.reason + (m.task ? ' (' + m.task + ')' : '')
      : (m.type || m.event_type || m.kind) + (m.label ? ' ' + m.label : '') + (m.track_id != null ? ' #' + m.track_id : '')
        + (m.zone ? ' · ' + m.zone : '') + (m.line ? ' · ' + m.line : '');
    li.appendChild(vs.el('span', vs.time(m.captured_at || m.failed_at || null) + ' ' + kind, m.kind === 'dead-letter' ? 'dead' : ''));
    list.insertBefore(li, list.firstChild);
    while (list.children.length > 50) list.removeChild(list.lastChild);
    state.moments++;
  }

  function open(lastId) {
    const url = base + 'stream' + (lastId ? '?last-event-id=' + encodeURIComponent(lastId) : '');
    const es = new EventSource(url);
    state.es = es;
    es.onopen = () => { status.textContent = 'live'; };
    es.onerror = () => { status.textContent = 'reconnecting'; }; // EventSource retries with Last-Event-ID itself
    es.addEventListener('frame', ev => {
      const msg = JSON.parse(ev.data);
      state.received.push({ id: ev.lastEventId, seq: msg.seq, event_id: msg.event_id });
      if (state.received.length > 1000) state.received.shift();
      state.lastId = ev.lastEventId;
      latest = msg;
      if (!loading) draw(msg);
    });
    es.addEventListener('moment', ev => moment(JSON.parse(ev.data)));
    es.addEventListener('zones', ev => {
      state.zones = JSON.parse(ev.data);
      const z = state.zones;
      document.getElementById('zones').textContent = z ? (z.zones || []).map(x => 'zone ' + x.name)
        .concat((z.lines || []).map(x => 'line ' + x.name)).join(', ') || 'none' : 'none';
    });
  }

  // Drops the stream and opens it again after gapMs, resuming after the last frame received.
  state.reconnect = gapMs => new Promise(resolve => {
    state.es.close();
    status.textContent = 'paused';
    const last = state.lastId;
    setTimeout(() => { open(last); resolve(last); }, gapMs);
  });
  open(null);
})();
