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
        // Without a clipboard (plain http, old browser) the link simply navigates, so the address bar holds the URL.
        if (!navigator.clipboard) return;
        // Decided before the first await: by then the browser has already followed the link, jumped the page and dropped the focus.
        event.preventDefault();
        const id = link.getAttribute("href").slice(1);
        const url = `${location.origin}${location.pathname}#${id}`;
        try {
            await navigator.clipboard.writeText(url);
            history.replaceState(history.state, "", `#${id}`);
            link.classList.add("copied");
            window.setTimeout(() => link.classList.remove("copied"), 2000);
            announce(`Link to ${link.dataset.sectionTitle || id} copied`);
        } catch {
            // Copying was refused: go to the section instead, which puts its address in the address bar.
            location.hash = id;
            announce("Could not copy: the address bar now holds the link");
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

    // Contents: mark the section being read (aria-current="location") as the reader scrolls.
    const tocLinks = new Map();
    for (const link of document.querySelectorAll(".toc .toc-extra > a[href^='#'], .toc .toc-list > li > a[href^='#']")) {
        const id = decodeURIComponent(link.getAttribute("href").slice(1));
        if (!tocLinks.has(id)) tocLinks.set(id, []);
        tocLinks.get(id).push(link);
    }
    const tocTargets = [...tocLinks.keys()].map((id) => document.getElementById(id)).filter(Boolean);
    if (tocTargets.length > 0 && "IntersectionObserver" in window) {
        const header = document.querySelector(".site-header");
        const covered = header && getComputedStyle(header).position === "sticky" ? header.offsetHeight : 0;
        const inBand = new Set();
        let current = null;
        const mark = (target) => {
            if (target === current) return;
            if (current) for (const link of tocLinks.get(current.id)) link.removeAttribute("aria-current");
            current = target;
            if (current) for (const link of tocLinks.get(current.id)) link.setAttribute("aria-current", "location");
        };
        // The reading band: the upper part of the screen below the sticky header. The first section in it is current;
        // between sections (nothing in the band) the last one stays marked.
        const observer = new IntersectionObserver((entries) => {
            for (const entry of entries) {
                if (entry.isIntersecting) inBand.add(entry.target); else inBand.delete(entry.target);
            }
            const first = tocTargets.find((target) => inBand.has(target));
            if (first) mark(first);
        }, { rootMargin: `-${covered}px 0px -55% 0px` });
        for (const target of tocTargets) observer.observe(target);
    }

    // ==== Cite this page ====
    // The "cited" date of a Vancouver citation is the reader's today, whatever day the page was rendered.
    const pad = (n) => String(n).padStart(2, "0");
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const today = new Date();
    for (const time of document.querySelectorAll("time[data-cited-date]")) {
        time.dateTime = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
        time.textContent = `${today.getFullYear()} ${months[today.getMonth()]} ${today.getDate()}`;
    }

    // Copy buttons exist only where the clipboard does: without this script they stay hidden and the text is selectable.
    if (navigator.clipboard) {
        for (const button of document.querySelectorAll("[data-copy-citation]")) {
            button.hidden = false;
            button.addEventListener("click", async () => {
                const text = document.getElementById(button.dataset.copyCitation)?.textContent.trim().replace(/\s+/g, " ");
                if (!text) return;
                try {
                    await navigator.clipboard.writeText(text);
                    announce("Citation copied");
                } catch {
                    announce("Could not copy: select the citation and copy it");
                }
            });
        }
    }
    // ==== end cite ====

    // Compare: say at once when the two structures chosen cannot be compared, instead of after sending the form.
    // The server gives the same answer (400, with the reason) when the form is sent anyway or without this script.
    const picker = document.querySelector("[data-compare-picker]");
    if (picker) {
        const selects = [...picker.querySelectorAll("select")];
        const hint = document.getElementById("compare-picker-hint");
        const chosen = (select) => {
            const option = select.selectedOptions[0];
            const group = option && option.value ? option.closest("optgroup") : null;
            return group ? { title: option.textContent.trim(), family: group.dataset.family, kind: group.dataset.kind, with: group.dataset.comparesWith } : null;
        };
        const problem = () => {
            const [a, b] = selects.map(chosen);
            if (!a || !b) return "";
            if (selects[0].value === selects[1].value) return `Choose two different structures: both sides are ${a.title}.`;
            if (a.family !== b.family) {
                return `${a.title} is ${a.kind} and ${b.title} is ${b.kind}: only structures of the same kind can be compared side by side (${a.kind} with ${a.with}).`;
            }
            return "";
        };
        const check = () => {
            const message = problem();
            if (hint) hint.textContent = message;
            for (const select of selects) {
                if (message) select.setAttribute("aria-invalid", "true");
                else select.removeAttribute("aria-invalid");
            }
            return message;
        };
        for (const select of selects) select.addEventListener("change", check);
        picker.addEventListener("submit", (event) => {
            if (check()) {
                event.preventDefault();
                selects[1].focus();
            }
        });
    }
})();
