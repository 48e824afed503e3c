// The console's small script: times in the reader's zone, the theme toggle, replies in chat threads,
// evidence charts.
(function () {
  'use strict';

  var zone = (Intl.DateTimeFormat().resolvedOptions().timeZone) || 'UTC';
  var format = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hour12: false, timeZoneName: 'short'
  });

  function localTimes(root) {
    root.querySelectorAll('time.local[datetime]').forEach(function (el) {
      var d = new Date(el.getAttribute('datetime'));
      if (isNaN(d)) return;
      el.title = el.getAttribute('datetime');
      el.textContent = format.format(d);
    });
    document.querySelectorAll('.tz-name').forEach(function (el) { el.textContent = zone; });
  }

  function currentTheme() {
    var set = document.documentElement.getAttribute('data-theme');
    if (set) return set;
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function setupToggle() {
    var button = document.getElementById('theme-toggle');
    if (!button) return;
    function label() {
      var theme = currentTheme();
      button.setAttribute('aria-pressed', theme === 'dark' ? 'true' : 'false');
      button.textContent = theme === 'dark' ? 'Light theme' : 'Dark theme';
    }
    button.addEventListener('click', function () {
      var next = currentTheme() === 'dark' ? 'light' : 'dark';
      document.documentElement.setAttribute('data-theme', next);
      try { localStorage.setItem('vigil-theme', next); } catch (e) { /* not remembered */ }
      label();
    });
    label();
  }

  // A finding's evidence as an interactive chart (uPlot): the series now, the same hours last week,
  // the band the values kept before the change, the change marked.
  function charts(root) {
    if (typeof uPlot === 'undefined') return;
    root.querySelectorAll('.uplot-chart[data-series-url]').forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = '1';
      fetch(el.dataset.seriesUrl, { credentials: 'same-origin' }).then(function (r) {
        return r.json().then(function (body) { if (!r.ok) throw new Error(body.error || r.status); return body; });
      }).then(function (s) {
        var css = getComputedStyle(document.documentElement);
        function v(name) { return css.getPropertyValue(name).trim(); }
        el.textContent = '';
        var opts = {
          width: Math.max(280, el.clientWidth), height: 300,
          series: [
            { value: function (u, t) { return t == null ? '' : new Date(t * 1000).toLocaleString(); } },
            { label: 'now', stroke: v('--accent'), width: 2 },
            { label: 'same hours last week', stroke: v('--muted'), width: 1, dash: [6, 4] }
          ],
          axes: [{ stroke: v('--ink'), grid: { stroke: v('--line') } }, { stroke: v('--ink'), grid: { stroke: v('--line') } }],
          hooks: { drawClear: [function (u) {
            if (s.low == null) return;
            var top = u.valToPos(s.high, 'y', true), bottom = u.valToPos(s.low, 'y', true), ctx = u.ctx;
            ctx.save(); ctx.fillStyle = v('--band');
            ctx.fillRect(u.bbox.left, top, u.bbox.width, Math.max(1, bottom - top)); ctx.restore();
          }], draw: [function (u) {
            var x = u.valToPos(s.marker, 'x', true), ctx = u.ctx;
            ctx.save(); ctx.strokeStyle = v('--bad'); ctx.lineWidth = 2; ctx.setLineDash([4, 4]);
            ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke(); ctx.restore();
          }] }
        };
        new uPlot(opts, [s.x, s.now, s.lastWeek], el);
        el.setAttribute('data-ready', 'true');
      }).catch(function (e) {
        el.textContent = 'The series could not be read: ' + e.message;
        el.setAttribute('data-error', 'true');
      });
    });
  }

  function refresh(root) {
    localTimes(root);
    charts(root);
  }

  // "Reply in thread" in the chat: the next message goes under that thread's first message.
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('[data-reply-to]');
    if (!link) return;
    e.preventDefault();
    var field = document.getElementById('reply-to'), note = document.getElementById('reply-note'),
        text = document.getElementById('text');
    if (!field || !text) return;
    field.value = link.getAttribute('data-reply-to');
    if (note) note.textContent = '(replying in a thread)';
    text.focus();
  });

  document.addEventListener('DOMContentLoaded', function () {
    setupToggle();
    refresh(document);
  });
  document.addEventListener('htmx:afterSwap', function (e) { refresh(e.target); });
  document.addEventListener('htmx:sseMessage', function (e) { refresh(e.target); });
})();
