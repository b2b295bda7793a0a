// For a page that holds GastroRef embeds: include this file and each GastroRef iframe takes the height its content
// reports ("gastroref:embed-height" messages from /js/embed.js), so it never shows an inner scrollbar.
(() => {
    "use strict";
    // Only frames from the site this file came from may resize themselves.
    const site = document.currentScript ? new URL(document.currentScript.src).origin : null;
    window.addEventListener("message", (event) => {
        if (site && event.origin !== site) return;
        const data = event.data;
        if (!data || data.type !== "gastroref:embed-height" || typeof data.height !== "number") return;
        for (const frame of document.querySelectorAll("iframe")) {
            if (frame.contentWindow === event.source) {
                // Bounded, so a misbehaving frame cannot make the page endless.
                frame.style.height = `${Math.max(50, Math.min(Math.round(data.height), 5000))}px`;
            }
        }
    });
})();
