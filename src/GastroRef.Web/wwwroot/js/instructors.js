// GastroRef for instructors: "Add to list" beside each section's link, the reading-list builder panel, and
// "Copy link to this text". Enhancements only: articles and /lists pages work without this file.
(() => {
    "use strict";

    const status = document.getElementById("live-status");
    const announce = (message) => {
        if (!status) return;
        status.textContent = "";
        window.setTimeout(() => { status.textContent = message; }, 50);
    };

    const copy = async (text) => {
        if (!navigator.clipboard) return false;
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            return false;
        }
    };

    const article = location.pathname.match(/^\/anatomy\/([a-z0-9-]+)$/);
    const slug = article ? article[1] : null;
    const pageTitle = document.getElementById("article-title")?.textContent.trim() ?? slug;

    // ==== Links that land on a section without text-fragment support ====
    // "#innervation:~:text=…" names no element in a browser that does not know text fragments: go to the section.
    if (location.hash.includes(":~:") && !("fragmentDirective" in document)) {
        const id = decodeURIComponent(location.hash.slice(1).split(":~:")[0]);
        document.getElementById(id)?.scrollIntoView();
    }

    // ==== The reading list being built, kept in this browser ====
    // Same address format as the server reads (ReadingList.cs): title=…&i=slug/section&n=note…
    const storageKey = "gastroref:reading-list";
    const maxItems = 30;
    const load = () => {
        try {
            const saved = JSON.parse(localStorage.getItem(storageKey) ?? "null");
            if (saved && Array.isArray(saved.items)) return { title: String(saved.title ?? ""), items: saved.items.slice(0, maxItems) };
        } catch { /* a damaged entry starts a new list */ }
        return { title: "", items: [] };
    };
    let list = load();
    const save = () => {
        try {
            localStorage.setItem(storageKey, JSON.stringify(list));
        } catch { /* storage full or refused: the list still works for this page */ }
    };
    const encode = (value) => encodeURIComponent(value).replace(/%20/g, "+");
    const address = () => {
        const parts = [];
        if (list.title.trim()) parts.push(`title=${encode(list.title.trim())}`);
        for (const item of list.items) {
            parts.push(`i=${encode(item.slug)}/${encode(item.section)}`);
            if (item.note && item.note.trim()) parts.push(`n=${encode(item.note.trim())}`);
        }
        return `/lists${parts.length ? "?" + parts.join("&") : ""}`;
    };
    const indexOf = (itemSlug, section) => list.items.findIndex((item) => item.slug === itemSlug && item.section === section);

    const addButtons = new Map();
    const refreshButtons = () => {
        for (const [section, button] of addButtons) {
            const listed = indexOf(slug, section) >= 0;
            // The name stays "Add to list: <section>" (it holds the visible words); aria-pressed says whether it is in.
            button.setAttribute("aria-pressed", String(listed));
            button.textContent = listed ? "In list" : "Add to list";
            button.setAttribute("aria-label", `${button.textContent}: ${button.dataset.sectionTitle}`);
        }
    };

    // Every section's copy-link control gets an "Add to list" toggle beside it.
    if (slug) {
        for (const link of document.querySelectorAll(".article-section:not(.sources) > h2 > [data-copy-link]")) {
            const section = link.getAttribute("href").slice(1);
            const button = document.createElement("button");
            button.type = "button";
            button.className = "add-to-list";
            button.dataset.section = section;
            button.dataset.sectionTitle = link.dataset.sectionTitle || section;
            button.setAttribute("aria-label", `Add to list: ${button.dataset.sectionTitle}`);
            button.addEventListener("click", () => {
                const at = indexOf(slug, section);
                if (at >= 0) {
                    list.items.splice(at, 1);
                    announce(`${link.dataset.sectionTitle} removed from the reading list`);
                } else if (list.items.length >= maxItems) {
                    announce(`A reading list holds at most ${maxItems} sections`);
                    return;
                } else {
                    list.items.push({ slug, section, page: pageTitle, title: link.dataset.sectionTitle || section, note: "" });
                    announce(`${link.dataset.sectionTitle} added to the reading list (${list.items.length})`);
                }
                save();
                render();
            });
            link.after(button);
            addButtons.set(section, button);
        }
    }

    // The builder panel: title, items with move up/down, remove and a note each, and the list's link.
    let panel = null;
    const element = (tag, props = {}, ...children) => {
        const node = Object.assign(document.createElement(tag), props);
        node.append(...children);
        return node;
    };
    const render = () => {
        refreshButtons();
        if (list.items.length === 0) {
            panel?.remove();
            panel = null;
            return;
        }
        const focused = document.activeElement?.dataset?.focusKey;
        const wasOpen = panel ? panel.open : false;
        const fresh = element("details", { className: "list-panel", id: "list-panel", open: wasOpen });
        fresh.append(element("summary", {}, `Reading list (${list.items.length})`));
        const body = element("div", { className: "list-panel-body" });
        const titleInput = element("input", { type: "text", id: "list-panel-title", value: list.title, maxLength: 120, placeholder: "Week 3: the calf" });
        titleInput.dataset.focusKey = "title";
        titleInput.addEventListener("input", () => { list.title = titleInput.value; save(); updateLinks(); });
        body.append(element("label", { htmlFor: "list-panel-title" }, "Title"), titleInput);
        const items = element("ol");
        list.items.forEach((item, index) => {
            const name = `${item.page} › ${item.title}`;
            const button = (label, text, key, action, disabled = false) => {
                const b = element("button", { type: "button", textContent: text, disabled });
                b.setAttribute("aria-label", `${label} ${name}`);
                b.dataset.focusKey = `${key}-${index}`;
                b.addEventListener("click", action);
                return b;
            };
            const move = (to) => () => {
                const [moved] = list.items.splice(index, 1);
                list.items.splice(to, 0, moved);
                save();
                render();
                // Follow the moved item with the focus, so pressing the same key moves it on.
                (panel.querySelector(`[data-focus-key="${to < index ? "up" : "down"}-${to}"]`)
                    ?? panel.querySelector(`[data-focus-key="remove-${to}"]`))?.focus();
            };
            const note = element("input", { type: "text", value: item.note ?? "", maxLength: 300, placeholder: "Note (optional)" });
            note.setAttribute("aria-label", `Note for ${name}`);
            note.dataset.focusKey = `note-${index}`;
            note.addEventListener("input", () => { item.note = note.value; save(); updateLinks(); });
            const row = element("div", { className: "list-panel-row" },
                element("a", { href: `/anatomy/${item.slug}#${item.section}`, textContent: name }),
                button("Move up", "↑", "up", move(index - 1), index === 0),
                button("Move down", "↓", "down", move(index + 1), index === list.items.length - 1),
                button("Remove", "Remove", "remove", () => {
                    list.items.splice(index, 1);
                    save();
                    render();
                    announce(`${name} removed`);
                    panel?.querySelector("summary")?.focus();
                }));
            items.append(element("li", {}, row, note));
        });
        body.append(items);
        const open = element("a", { className: "list-panel-open", textContent: "Open list" });
        const copyButton = element("button", { type: "button", textContent: "Copy link" });
        copyButton.dataset.focusKey = "copy";
        copyButton.addEventListener("click", async () => {
            const url = `${location.origin}${address()}`;
            if (await copy(url)) {
                announce("Link to the reading list copied");
                copyButton.textContent = "Link copied";
                window.setTimeout(() => { copyButton.textContent = "Copy link"; }, 2000);
            } else {
                window.prompt("Copy the link to this reading list:", url);
            }
        });
        const clear = element("button", { type: "button", textContent: "Clear list" });
        clear.dataset.focusKey = "clear";
        clear.addEventListener("click", () => {
            if (!window.confirm("Remove every item from the reading list?")) return;
            list = { title: "", items: [] };
            save();
            render();
            announce("Reading list cleared");
        });
        body.append(element("div", { className: "list-panel-actions" }, open, copyButton, clear));
        body.append(element("p", { className: "list-panel-warning", hidden: true, role: "status" }, "The link is too long for the site: shorten the notes or remove items."));
        fresh.append(body);
        if (panel) panel.replaceWith(fresh); else document.body.append(fresh);
        panel = fresh;
        updateLinks();
        if (focused) panel.querySelector(`[data-focus-key="${focused}"]`)?.focus();
    };
    // The site refuses query strings over 2048 characters (RequestLimits.cs): say so before the link is shared.
    const maxQuery = 2048;
    const updateLinks = () => {
        const open = panel?.querySelector(".list-panel-open");
        if (open) open.href = address();
        const warning = panel?.querySelector(".list-panel-warning");
        if (warning) warning.hidden = address().length - "/lists".length <= maxQuery;
    };
    window.addEventListener("storage", (event) => {
        if (event.key !== storageKey) return;
        list = load();
        render();
    });
    if (slug || location.pathname === "/lists") render();

    // On a list page: "Edit this list" loads it into the builder.
    const listTitle = document.getElementById("list-title");
    if (location.pathname === "/lists" && document.querySelector(".list-item")) {
        const edit = element("button", { type: "button", className: "list-edit", textContent: "Edit this list" });
        edit.addEventListener("click", () => {
            if (list.items.length > 0 && !window.confirm("Replace the reading list you are building with this one?")) return;
            list = {
                title: document.querySelector(".reading-list")?.dataset.listTitle ?? listTitle?.textContent.trim() ?? "",
                items: [...document.querySelectorAll(".list-item")].map((item) => ({
                    slug: item.dataset.slug, section: item.dataset.section, page: item.dataset.page, title: item.dataset.sectionTitle,
                    note: item.querySelector(".list-note")?.dataset.note ?? "",
                })),
            };
            save();
            render();
            if (panel) panel.open = true;
            panel?.querySelector("summary")?.focus();
            announce("The list is now in the builder");
        });
        document.querySelector(".list-actions")?.append(edit);
    }

    // ==== Copy link to this text ====
    // Selecting text in a section offers a link to the section plus a text fragment (https://wicg.github.io/scroll-to-text-fragment/):
    // browsers that know text fragments highlight the sentence; others still land on the section.
    const fragmentPart = (text) => encodeURIComponent(text).replace(/-/g, "%2D"); // encodeURIComponent already escapes & and ,
    const textDirective = (selected) => {
        const words = selected.split(/\s+/).filter(Boolean);
        const crossesBlocks = /\n/.test(selected);
        if (!crossesBlocks && selected.length <= 80) return `text=${fragmentPart(words.join(" "))}`;
        if (words.length < 8) return `text=${fragmentPart(words.join(" "))}`;
        // Long or spanning paragraphs: the first and last words, so the link survives small edits in between.
        return `text=${fragmentPart(words.slice(0, 4).join(" "))},${fragmentPart(words.slice(-4).join(" "))}`;
    };
    let textButton = null;
    let textUrl = null;
    const hideTextButton = () => {
        textButton?.remove();
        textButton = null;
        textUrl = null;
    };
    const sectionOf = (node) => {
        const el = node instanceof Element ? node : node?.parentElement;
        return el?.closest(".article .article-section:not(.sources)") ?? null;
    };
    const offerTextLink = () => {
        const selection = document.getSelection();
        if (!slug || !selection || selection.isCollapsed || selection.rangeCount === 0) {
            if (textButton && document.activeElement !== textButton) hideTextButton();
            return;
        }
        const range = selection.getRangeAt(0);
        const section = sectionOf(range.startContainer);
        const selected = selection.toString().trim();
        if (!section || section !== sectionOf(range.endContainer) || !selected || selected.length > 2000) {
            hideTextButton();
            return;
        }
        textUrl = `${location.origin}/anatomy/${slug}#${section.id}:~:${textDirective(selected)}`;
        if (!textButton) {
            textButton = element("button", { type: "button", className: "text-link-button", textContent: "Copy link to this text" });
            // Keep the selection when the button is pressed with a mouse.
            textButton.addEventListener("mousedown", (event) => event.preventDefault());
            textButton.addEventListener("click", async () => {
                const url = textUrl;
                if (!url) return;
                if (await copy(url)) {
                    textButton.textContent = "Link copied";
                    announce("Link to the selected text copied");
                    window.setTimeout(hideTextButton, 1500);
                } else {
                    window.prompt("Copy the link to this text:", url);
                }
            });
            textButton.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTextButton(); });
        }
        // Placed right after the block holding the end of the selection, so Tab from the selection reaches it.
        let block = range.endContainer instanceof Element ? range.endContainer : range.endContainer.parentElement;
        while (block && block.parentElement !== section) block = block.parentElement;
        (block ?? section.lastElementChild).after(textButton);
        const rect = range.getBoundingClientRect();
        const holder = textButton.offsetParent;
        const origin = holder && holder !== document.body ? holder.getBoundingClientRect() : { top: -window.scrollY, left: -window.scrollX };
        textButton.style.top = `${Math.round(rect.bottom - origin.top + 6)}px`;
        textButton.style.left = `${Math.round(Math.max(0, rect.left - origin.left))}px`;
    };
    let pending = 0;
    document.addEventListener("selectionchange", () => {
        window.clearTimeout(pending);
        pending = window.setTimeout(offerTextLink, 200);
    });
    document.addEventListener("keydown", (event) => { if (event.key === "Escape" && textButton) hideTextButton(); });
})();
