// GastroRef: small enhancements only; every page works without this file.
(() => {
    "use strict";

    const status = document.getElementById("live-status");
    const announce = (message) => {
        if (!status) return;
        status.textContent = "";
        // A fresh text node makes screen readers announce the same message twice in a row.
        window.setTimeout(() => { status.textContent = message; }, 50);
    };

    // Copy-link controls: copy the canonical URL of the section and say so.
    document.addEventListener("click", async (event) => {
        const link = event.target instanceof Element ? event.target.closest("[data-copy-link]") : null;
        if (!link) return;
        const id = link.getAttribute("href").slice(1);
        const url = `${location.origin}${location.pathname}#${id}`;
        try {
            await navigator.clipboard.writeText(url);
            event.preventDefault();
            history.replaceState(null, "", `#${id}`);
            link.classList.add("copied");
            window.setTimeout(() => link.classList.remove("copied"), 2000);
            announce(`Link to ${link.dataset.sectionTitle || id} copied`);
        } catch {
            // No clipboard (insecure context or denied): let the link navigate so the address bar holds the URL.
        }
    });

    // "/" focuses the header search box, unless the reader is typing somewhere already.
    document.addEventListener("keydown", (event) => {
        if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
        const active = document.activeElement;
        if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
        const box = document.getElementById("site-search-input");
        if (box) {
            event.preventDefault();
            box.focus();
            box.select();
        }
    });
})();
