// Atlas plates: the name of the shape under the pointer or keyboard focus, and the label controls (hide all labels,
// then reveal them one at a time). Without this script every shape is still a link with a name and a tooltip.
(() => {
    "use strict";
    for (const figure of document.querySelectorAll(".plate-figure")) {
        const svg = figure.querySelector("svg.plate");
        if (!svg) continue;

        const readout = figure.querySelector(".plate-readout");
        const show = (link) => { if (readout) readout.textContent = link ? link.dataset.title : "\u00a0"; };
        for (const link of svg.querySelectorAll(".structure-link")) {
            link.addEventListener("mouseenter", () => show(link));
            link.addEventListener("mouseleave", () => show(null));
            link.addEventListener("focus", () => show(link));
            link.addEventListener("blur", () => show(null));
        }

        const labels = [...svg.querySelectorAll(".label[data-label-for]")];
        if (labels.length === 0) continue;
        const controls = document.createElement("div");
        controls.className = "plate-controls";
        const button = (text) => {
            const b = document.createElement("button");
            b.type = "button";
            b.textContent = text;
            controls.append(b);
            return b;
        };
        const toggle = button("Hide labels");
        toggle.setAttribute("aria-pressed", "false");
        const next = button("Reveal next label");
        const status = document.createElement("span");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        controls.append(status);
        next.hidden = true;

        let revealed = 0;
        const update = () => {
            const hidden = figure.classList.contains("labels-hidden");
            toggle.textContent = hidden ? "Show all labels" : "Hide labels";
            toggle.setAttribute("aria-pressed", String(hidden));
            next.hidden = !hidden || revealed >= labels.length;
        };
        toggle.addEventListener("click", () => {
            figure.classList.toggle("labels-hidden");
            revealed = 0;
            for (const label of labels) label.classList.remove("is-revealed");
            update();
            status.textContent = figure.classList.contains("labels-hidden") ? "Labels hidden" : "Labels shown";
        });
        next.addEventListener("click", () => {
            const label = labels[revealed++];
            label.classList.add("is-revealed");
            status.textContent = label.textContent.trim();
            update();
            if (next.hidden) toggle.focus();
        });
        figure.querySelector(".plate-frame").before(controls);
    }
})();
