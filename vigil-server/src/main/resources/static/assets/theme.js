// Runs before the page is drawn, so a chosen theme shows without a flash of the other one.
(function () {
  try {
    var chosen = localStorage.getItem('vigil-theme');
    if (chosen === 'dark' || chosen === 'light') document.documentElement.setAttribute('data-theme', chosen);
  } catch (e) { /* storage disabled: follow the system's preference */ }
})();
