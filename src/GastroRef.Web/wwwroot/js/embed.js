// GastroRef embeds (/embed/*): tell the page holding the iframe how tall the content is, so it can show it without
// an inner scrollbar. Message: { type: "gastroref:embed-height", height: <CSS pixels>, url: <this embed's address> },
// posted to any origin (a height is no secret). /js/embed-host.js is a ready-made listener for course pages.
(() => {
    "use strict";
    if (window.parent === window) return;
    const content = document.getElementById("embed");
    if (!content) return;
    let last = 0;
    const report = () => {
        const style = getComputedStyle(document.body);
        const height = Math.ceil(content.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
        if (height === last) return;
        last = height;
        window.parent.postMessage({ type: "gastroref:embed-height", height, url: location.href }, "*");
    };
    if ("ResizeObserver" in window) new ResizeObserver(report).observe(content);
    window.addEventListener("load", report);
    report();
})();
