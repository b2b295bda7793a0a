// GastroRef search suggestions: every input with data-suggest becomes an ARIA 1.2 combobox with a listbox of
// titles, aliases and Latin names from /api/suggest. Without this file the input is a plain search box.
(() => {
    "use strict";

    const DEBOUNCE_MS = 120;
    const status = document.getElementById("live-status");

    const announce = (message) => {
        if (status) status.textContent = message;
    };

    const typeLabel = (type) => type.replace("-", " ");

    function enhance(input, index) {
        const form = input.form;
        const listbox = document.createElement("ul");
        listbox.id = `${input.id || `search-input-${index}`}-suggestions`;
        listbox.className = "suggestions";
        listbox.setAttribute("role", "listbox");
        listbox.setAttribute("aria-label", "Suggestions");
        listbox.hidden = true;
        input.insertAdjacentElement("afterend", listbox);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listbox.id);

        let suggestions = [];
        let active = -1;
        let timer = 0;
        let controller = null;
        let lastQuery = null;

        const options = () => Array.from(listbox.children);

        const setActive = (next) => {
            const items = options();
            if (items.length === 0) return;
            active = (next + items.length) % items.length;
            items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
            input.setAttribute("aria-activedescendant", items[active].id);
            items[active].scrollIntoView({ block: "nearest" });
        };

        const close = () => {
            listbox.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        };

        const open = () => {
            if (suggestions.length === 0) return;
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
        };

        const render = () => {
            listbox.replaceChildren();
            active = -1;
            input.removeAttribute("aria-activedescendant");
            suggestions.forEach((s, i) => {
                const item = document.createElement("li");
                item.id = `${listbox.id}-${i}`;
                item.className = "suggestion";
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", "false");
                item.dataset.url = s.url;
                const label = document.createElement("span");
                label.className = "suggestion-label";
                label.textContent = s.label;
                item.append(label);
                const detail = document.createElement("span");
                detail.className = "suggestion-detail";
                detail.textContent = s.kind === "title" ? typeLabel(s.type) : `${s.title} · ${typeLabel(s.type)}`;
                item.append(detail);
                listbox.append(item);
            });
            if (suggestions.length > 0) {
                open();
                announce(`${suggestions.length} suggestion${suggestions.length === 1 ? "" : "s"}; use the up and down arrows to choose.`);
            } else {
                close();
            }
        };

        const fetchSuggestions = async () => {
            const query = input.value;
            if (query.trim() === "") {
                suggestions = [];
                lastQuery = query;
                render();
                return;
            }

            if (query === lastQuery) {
                open();
                return;
            }

            controller?.abort();
            controller = new AbortController();
            try {
                const response = await fetch(`/api/suggest?q=${encodeURIComponent(query)}`, {
                    signal: controller.signal,
                    headers: { Accept: "application/json" },
                });
                if (!response.ok) return;
                const data = await response.json();
                // Only the answer to what is in the box now counts; typing may have moved on.
                if (input.value !== query) return;
                lastQuery = query;
                suggestions = Array.isArray(data.suggestions) ? data.suggestions : [];
                if (document.activeElement === input) render();
            } catch (error) {
                if (error.name !== "AbortError") close();
            }
        };

        const go = (i) => {
            const s = suggestions[i];
            if (!s) return;
            input.value = s.label;
            close();
            window.location.assign(s.url);
        };

        input.addEventListener("input", () => {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
        });

        input.addEventListener("keydown", (event) => {
            if (event.isComposing) return;
            const expanded = !listbox.hidden;
            switch (event.key) {
                case "ArrowDown":
                    event.preventDefault();
                    if (!expanded) {
                        if (suggestions.length > 0 && input.value === lastQuery) open();
                        else fetchSuggestions();
                        if (event.altKey) return;
                    }
                    setActive(active + 1);
                    break;
                case "ArrowUp":
                    event.preventDefault();
                    if (!expanded) open();
                    setActive(active < 0 ? -1 : active - 1);
                    break;
                case "Enter":
                    if (expanded && active >= 0) {
                        event.preventDefault();
                        go(active);
                    }
                    break;
                case "Escape":
                    if (expanded) {
                        event.preventDefault();
                        close();
                    } else if (input.value !== "") {
                        event.preventDefault();
                        input.value = "";
                        suggestions = [];
                        lastQuery = "";
                    }
                    break;
                case "Tab":
                    close();
                    break;
                default:
                    break;
            }
        });

        input.addEventListener("blur", close);
        input.addEventListener("focus", () => {
            if (input.value !== "" && input.value === lastQuery) open();
        });

        // Keep focus in the input while choosing with the mouse, so the blur does not close the list first.
        listbox.addEventListener("mousedown", (event) => event.preventDefault());
        listbox.addEventListener("click", (event) => {
            const item = event.target instanceof Element ? event.target.closest("[role=option]") : null;
            if (item) go(options().indexOf(item));
        });

        form?.addEventListener("submit", close);
    }

    document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
