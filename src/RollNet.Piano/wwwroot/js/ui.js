// The page's elements, and the readouts every part of it updates: the status line, the info line, the buttons that
// depend on the roll, and the copy of the music kept in the browser.

import * as messages from "./messages.js";
import * as storage from "./storage.js";

const IDS = {
    play: "play",
    tempo: "tempo",
    generate: "generate",
    steps: "steps",
    temperature: "temperature",
    seed: "seed",
    maxNotes: "max-notes",
    avoidParallels: "avoid-parallels",
    harmonize: "harmonize",
    fill: "fill",
    particles: "particles",
    holdRests: "hold-rests",
    cancel: "cancel",
    undo: "undo",
    redo: "redo",
    clear: "clear",
    import: "import",
    importFile: "import-file",
    export: "export",
    status: "status",
    info: "info",
    model: "model",
    modelChoice: "model-choice",
    scroller: "scroller",
    sizer: "sizer",
    stage: "stage",
    canvas: "roll",
    clip: "clip",
    hover: "hover",
    playhead: "playhead",
};

/** The elements by their role. */
export function findElements() {
    return Object.fromEntries(Object.entries(IDS).map(([role, id]) => [role, document.getElementById(id)]));
}

/** Shows `button` at work: a spinner and `label` with the seconds waited so far; the function returned puts it back. */
export function showWorking(button, label) {
    const text = button.textContent;
    const began = performance.now();
    const tick = () => {
        const seconds = Math.floor((performance.now() - began) / 1000);
        button.textContent = seconds > 0 ? `${label}… ${seconds} s` : `${label}…`;
    };
    tick();
    const timer = setInterval(tick, 500);
    button.classList.add("busy");
    return () => {
        clearInterval(timer);
        button.classList.remove("busy");
        button.textContent = text;
    };
}

export function createReadouts(app) {
    const { ui, state, view } = app;

    function status(text, kind = "") {
        ui.status.textContent = text;
        ui.status.className = `status ${kind}`.trim();
        ui.status.title = text;
    }

    function persist() {
        if (!storage.save({ roll: state.roll, ...state.settings })) status(messages.notSaved, "error");
    }

    function refreshInfo() {
        const { roll } = state;
        const spq = roll.stepsPerQuarter;
        const step = Math.floor(view.playheadStep);
        const bar = Math.floor(step / (4 * spq)) + 1;
        const beat = Math.floor((step % (4 * spq)) / spq) + 1;
        const count = roll.cellCount;
        const resolution = spq === 1 ? "1 step = ♩" : `${spq} steps = ♩`;
        const text = `Bar ${bar} · beat ${beat}   ·   ${count} ${count === 1 ? "cell" : "cells"}   ·   ${roll.length} steps   ·   ${resolution}`;
        if (text !== state.shown.info) ui.info.textContent = state.shown.info = text;
    }

    function refreshControls() {
        // One request to the model at a time: its answer is placed against the roll as it was sent.
        ui.generate.disabled = ui.harmonize.disabled = ui.fill.disabled = state.generating;
        ui.cancel.hidden = state.cancel === null;
        ui.undo.disabled = !state.history.canUndo;
        ui.redo.disabled = !state.history.canRedo;
        ui.clear.disabled = state.roll.isEmpty;
        ui.export.disabled = state.roll.isEmpty;
        refreshInfo();
    }

    return { status, persist, refreshInfo, refreshControls };
}
