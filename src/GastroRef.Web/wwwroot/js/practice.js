// Practice: asks a set one question at a time with feedback, and schedules reviews with FSRS (ts-fsrs, loaded before
// this file as the global FSRS). Progress stays in this browser's localStorage; it can be exported and imported as a file.
// Without this script the set page still shows every question with its answer behind "Show answer".
(() => {
    "use strict";

    const STORAGE_KEY = "gastroref.practice";
    const FORMAT = "gastroref-practice-progress";
    const KINDS = "recall,reverse,lesion,matching,identify";
    const status = document.getElementById("live-status");

    // FSRS with the library's default weights, a requested retention of 90% and no fuzz, so that the same answers
    // always give the same next review. A right answer counts as "Good", a wrong one as "Again".
    const scheduler = typeof window.FSRS !== "undefined"
        ? window.FSRS.fsrs(window.FSRS.generatorParameters({ request_retention: 0.9, enable_fuzz: false }))
        : null;

    function announce(text) {
        if (!status) {
            return;
        }
        status.textContent = "";
        window.setTimeout(() => { status.textContent = text; }, 50);
    }

    function storageWorks() {
        try {
            localStorage.setItem(STORAGE_KEY + ".probe", "1");
            localStorage.removeItem(STORAGE_KEY + ".probe");
            return true;
        } catch {
            return false;
        }
    }

    function emptyProgress() {
        return { format: FORMAT, version: 1, cards: {} };
    }

    function isProgress(data) {
        return data && data.format === FORMAT && data.cards && typeof data.cards === "object"
            && Object.values(data.cards).every(e => e && e.card && !Number.isNaN(new Date(e.card.due).getTime()));
    }

    function load() {
        try {
            const data = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
            return isProgress(data) ? data : emptyProgress();
        } catch {
            return emptyProgress();
        }
    }

    function save(data) {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    }

    function toCard(stored) {
        const card = { ...stored };
        card.due = new Date(stored.due);
        card.last_review = stored.last_review ? new Date(stored.last_review) : undefined;
        return card;
    }

    function endOfToday() {
        const end = new Date();
        end.setHours(23, 59, 59, 999);
        return end;
    }

    function dueEntries(data) {
        const end = endOfToday();
        return Object.entries(data.cards).filter(([, entry]) => new Date(entry.card.due) <= end);
    }

    /** Schedules the question after an answer and returns when it is due next. */
    function record(id, subject, kind, correct) {
        const data = load();
        const now = new Date();
        const entry = data.cards[id];
        const card = entry ? toCard(entry.card) : window.FSRS.createEmptyCard(now);
        const next = scheduler.next(card, now, correct ? window.FSRS.Rating.Good : window.FSRS.Rating.Again);
        data.cards[id] = { subject, kind, reviews: (entry ? entry.reviews : 0) + 1, lastCorrect: correct, card: next.card };
        save(data);
        return next.card.due;
    }

    function formatDue(due) {
        const days = Math.round((new Date(due).setHours(0, 0, 0, 0) - new Date().setHours(0, 0, 0, 0)) / 86400000);
        if (days <= 0) {
            return "later today";
        }
        return days === 1 ? "tomorrow" : `in ${days} days`;
    }

    function reviewUrl(entries) {
        const subjects = [...new Set(entries.map(([, entry]) => entry.subject))].sort();
        return `/practice/set?structures=${subjects.join(",")}&kinds=${KINDS}&count=100&seed=1#due`;
    }

    function showDue() {
        const data = load();
        const due = dueEntries(data);
        for (const element of document.querySelectorAll("[data-practice-due]")) {
            element.hidden = false;
            const total = Object.keys(data.cards).length;
            element.textContent = `Due today: ${due.length}` + (total === 0 ? " (answer some questions to start your reviews)" : ` of ${total} questions you have answered`);
        }
        const review = document.querySelector("[data-practice-review]");
        if (review) {
            review.hidden = due.length === 0;
            review.href = reviewUrl(due);
        }
        return due.length;
    }

    // ---- progress files ----

    function exportProgress() {
        const blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = `gastroref-progress-${new Date().toISOString().slice(0, 10)}.json`;
        document.body.append(link);
        link.click();
        link.remove();
        window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
        announce("Progress exported.");
    }

    async function importProgress(file) {
        let incoming;
        try {
            incoming = JSON.parse(await file.text());
        } catch {
            incoming = null;
        }
        if (!isProgress(incoming)) {
            announce("That file is not a GastroRef progress file; nothing was changed.");
            return;
        }
        // Keep, for each question, whichever copy was reviewed last.
        const data = load();
        for (const [id, entry] of Object.entries(incoming.cards)) {
            const mine = data.cards[id];
            const theirs = new Date(entry.card.last_review || 0).getTime();
            if (!mine || theirs > new Date(mine.card.last_review || 0).getTime()) {
                data.cards[id] = entry;
            }
        }
        save(data);
        const due = showDue();
        announce(`Imported progress for ${Object.keys(incoming.cards).length} questions. Due today: ${due}.`);
    }

    function setUpTools() {
        const tools = document.querySelector("[data-practice-tools]");
        if (!tools) {
            return;
        }
        tools.hidden = false;
        tools.querySelector("[data-practice-export]").addEventListener("click", exportProgress);
        const input = tools.querySelector("[data-practice-import]");
        input.addEventListener("change", () => {
            if (input.files && input.files[0]) {
                importProgress(input.files[0]).finally(() => { input.value = ""; });
            }
        });
    }

    // ---- one question at a time ----

    function evaluate(form) {
        const shapes = [...form.querySelectorAll("[data-practice-shape]")];
        if (shapes.length > 0) {
            const chosen = shapes.find(s => s.classList.contains("is-chosen"));
            return chosen ? chosen.dataset.correct === "true" : null;
        }
        const selects = [...form.querySelectorAll("select[data-answer]")];
        if (selects.length > 0) {
            if (selects.some(s => s.value === "")) {
                return null;
            }
            return selects.every(s => s.value === s.dataset.answer);
        }
        const inputs = [...form.querySelectorAll("input[data-correct]")];
        if (!inputs.some(i => i.checked)) {
            return null;
        }
        return inputs.every(i => i.checked === (i.dataset.correct === "true"));
    }

    /** Reveals a plate's answer: its label, and its name on the shape that was only "Structure N" while asking. */
    function markPlate(form) {
        const figure = form.querySelector("[data-practice-plate]");
        if (!figure) {
            return;
        }
        figure.classList.add("is-answered");
        const name = form.querySelector(".practice-answer li").textContent;
        const svg = figure.querySelector("svg");
        for (const shape of figure.querySelectorAll("[data-practice-shape]")) {
            if (shape.dataset.correct === "true") {
                shape.classList.add("is-right");
                shape.setAttribute("aria-label", `${shape.getAttribute("aria-label")}: ${name}, the right answer`);
            } else if (shape.classList.contains("is-chosen")) {
                shape.classList.add("is-wrong");
                shape.setAttribute("aria-label", `${shape.getAttribute("aria-label")}: your choice, wrong`);
            }
            shape.setAttribute("tabindex", "-1");
        }
        if (svg.getAttribute("role") === "img") {
            svg.setAttribute("aria-label", svg.getAttribute("aria-label").replace("one structure outlined", `${name} outlined`));
        }
    }

    function mark(form) {
        markPlate(form);
        for (const input of form.querySelectorAll("input[data-correct]")) {
            const label = input.closest("label");
            if (input.dataset.correct === "true") {
                label.classList.add("is-right");
                label.querySelector("span").insertAdjacentHTML("beforeend", '<span class="practice-mark"> (right answer)</span>');
            } else if (input.checked) {
                label.classList.add("is-wrong");
                label.querySelector("span").insertAdjacentHTML("beforeend", '<span class="practice-mark"> (your choice, wrong)</span>');
            }
            input.disabled = true;
        }
        for (const select of form.querySelectorAll("select[data-answer]")) {
            const right = select.value === select.dataset.answer;
            select.closest(".practice-match").classList.add(right ? "is-right" : "is-wrong");
            select.disabled = true;
        }
    }

    function setUpSet(list) {
        let items = [...list.querySelectorAll(".practice-item")];
        if (window.location.hash === "#due") {
            const due = new Set(dueEntries(load()).map(([id]) => id));
            for (const item of items.filter(i => !due.has(i.dataset.id))) {
                item.remove();
            }
            items = items.filter(i => due.has(i.dataset.id));
        }

        const summary = document.querySelector("[data-practice-summary]");
        if (items.length === 0) {
            summary.hidden = false;
            summary.querySelector("[data-practice-score]").textContent = "Nothing in this set is due today.";
            return;
        }

        list.classList.add("practice-js");
        let current = 0;
        let right = 0;
        items.forEach((item, index) => {
            item.tabIndex = -1;
            item.querySelector(".practice-number").textContent = `Question ${index + 1} of ${items.length}`;
            const form = item.querySelector("[data-practice-question]");
            const actions = form.querySelector("[data-practice-actions]");
            const check = form.querySelector("[data-practice-check]");
            const next = form.querySelector("[data-practice-next]");
            const feedback = form.querySelector("[data-practice-feedback]");
            actions.hidden = false;
            if (index === items.length - 1) {
                next.textContent = "See your result";
            }

            // "Click the named structure": a click on a shape (or Enter on it, Tab having reached it) is the answer.
            for (const shape of form.querySelectorAll("[data-practice-shape]")) {
                shape.addEventListener("click", event => {
                    event.preventDefault();
                    if (form.dataset.answered) {
                        return;
                    }
                    for (const other of form.querySelectorAll("[data-practice-shape].is-chosen")) {
                        other.classList.remove("is-chosen");
                    }
                    shape.classList.add("is-chosen");
                    form.requestSubmit();
                });
            }

            form.addEventListener("submit", event => {
                event.preventDefault();
                if (form.dataset.answered) {
                    return;
                }
                const correct = evaluate(form);
                if (correct === null) {
                    announce(form.querySelector("select") ? "Choose an answer for every item first."
                        : form.querySelector("[data-practice-shape]") ? "Click a shape on the plate first." : "Choose an answer first.");
                    return;
                }
                form.dataset.answered = "true";
                if (correct) {
                    right += 1;
                }
                mark(form);
                const answer = form.querySelector(".practice-answer");
                feedback.replaceChildren();
                const verdict = document.createElement("p");
                verdict.className = correct ? "practice-verdict is-right" : "practice-verdict is-wrong";
                verdict.textContent = correct ? "Correct." : "Not quite.";
                feedback.append(verdict);
                if (!correct) {
                    const list = answer.querySelector("ul").cloneNode(true);
                    const intro = document.createElement("p");
                    intro.textContent = "The right answer:";
                    feedback.append(intro, list);
                }
                for (const part of answer.querySelectorAll("p")) {
                    feedback.append(part.cloneNode(true));
                }
                let when = "";
                if (scheduler && storageWorks()) {
                    when = `Next review ${formatDue(record(item.dataset.id, item.dataset.subject, item.dataset.kind, correct))}.`;
                    const schedule = document.createElement("p");
                    schedule.className = "practice-schedule";
                    schedule.textContent = when;
                    feedback.append(schedule);
                }
                feedback.hidden = false;
                check.hidden = true;
                next.hidden = false;
                next.focus();
                const explanation = answer.querySelector(".practice-explanation").textContent;
                announce(`${verdict.textContent} ${correct ? "" : "The right answer: " + [...answer.querySelectorAll("li")].map(li => li.textContent).join("; ") + ". "}${explanation} ${when}`);
                showDue();
            });

            next.addEventListener("click", () => {
                item.classList.remove("is-current");
                current = index + 1;
                if (current < items.length) {
                    items[current].classList.add("is-current");
                    items[current].focus();
                    return;
                }
                list.hidden = true;
                summary.hidden = false;
                const score = `You answered ${right} of ${items.length} correctly.`;
                const due = scheduler ? ` Due today: ${dueEntries(load()).length}.` : "";
                summary.querySelector("[data-practice-score]").textContent = score + due;
                summary.focus();
                announce(score + due);
            });
        });
        items[0].classList.add("is-current");
    }

    function start() {
        const canSchedule = scheduler !== null && storageWorks();
        if (canSchedule) {
            showDue();
            setUpTools();
        }
        const list = document.querySelector("[data-practice-set]");
        if (list) {
            setUpSet(list);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
