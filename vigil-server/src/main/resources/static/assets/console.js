// The console's small script: times in the reader's zone, the theme toggle, replies in chat threads.
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

  function refresh(root) {
    localTimes(root);
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
