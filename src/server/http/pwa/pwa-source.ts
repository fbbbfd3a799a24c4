// Kept as a string so the server (bundled or run from source by the CLI and tests) can serve it
// without a bundler-specific import. Plain ES2020 for the browser; no backticks inside.
export const CLIENT_SOURCE = String.raw`// Registers the service worker and offers "save for offline" (public pages work without it).
(() => {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  const d = document;
  const lang = d.documentElement.lang;
  sw.register("/sw.js", { scope: "/" })
    .then(() => sw.ready)
    .then((reg) => {
      const save = (force, done) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = (e) => done?.(e.data);
        reg.active?.postMessage({ type: "save", lang, force }, [ch.port2]);
      };
      // The first visit of the offer list saves the language's directory.
      if (/^\/[a-z]{2}\/offers\/?$/.test(location.pathname)) save(false);
      const box = d.querySelector("[data-pwa-save]");
      if (!box) return;
      const btn = box.querySelector("button");
      const status = box.querySelector("[role=status]");
      box.hidden = false;
      btn.onclick = () => {
        btn.disabled = true;
        status.textContent = box.dataset.saving;
        save(true, (r) => {
          btn.disabled = false;
          status.textContent = r?.ok ? box.dataset.saved : box.dataset.failed;
        });
      };
    })
    .catch(() => {});
})();
`;
