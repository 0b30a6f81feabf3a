// Runs before the first paint so a dark-mode visitor never sees a white flash.
// Same key as components/ThemeToggle.tsx.
(function () {
  try {
    var stored = window.localStorage.getItem('moodstream-theme');
    var dark = stored ? stored === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
    document.documentElement.classList.toggle('dark', dark);
  } catch {
    // Storage or matchMedia unavailable: stay light.
  }
})();
