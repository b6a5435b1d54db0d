// The server's models: the list to choose from, the chosen one's description in the header, its grid for the roll, and
// its limits for the whole page.

import * as api from "./api.js";
import { fromModel } from "./limits.js";
import * as settings from "./settings.js";
import { USER } from "./roll.js";

function describe(m) {
    const parts = [];
    if (m.layers && m.hiddenSize) parts.push(`${m.layers}×${m.hiddenSize} LSTM`);
    if (m.headDescription) parts.push(m.headDescription);
    if (Number.isFinite(m.parameters)) parts.push(`${(m.parameters / 1e6).toFixed(2)} M parameters`);
    if (m.trainedOn) parts.push(`trained on ${m.trainedOn}`);
    return parts.join(" · ") || m.name || "the model";
}

const grid = (spq) => `${spq} step${spq === 1 ? "" : "s"} a quarter note`;

/** How the model list names a model: what it learnt and its grid. */
function label(choice) {
    return `${choice.trainedOn ?? choice.name} (${grid(choice.stepsPerQuarter)})`;
}

/** Takes the server's limits: the roll stops at its frame limit and the steps field at its steps limit. */
function applyLimits(app, limits) {
    const { state, view } = app;
    state.limits = limits;
    state.roll.maxLength = limits.maxFrames;
    settings.applyLimits(app);
    view.updateExtent(Math.ceil(view.playheadStep) + 1);
}

/** Makes `model` (a description) the page's: the header, the list's choice, the limits, and an empty roll's grid. */
function apply(app, model) {
    const { ui, state, view } = app;
    state.model = model;
    ui.model.textContent = describe(model);
    ui.model.title = [model.name, model.device && `running on ${model.device}`, model.dropout != null && `dropout ${model.dropout}`]
        .filter(Boolean).join(" · ");
    ui.modelChoice.value = model.id;
    applyLimits(app, fromModel(model));
    const spq = model.stepsPerQuarter;
    const { roll } = state;
    if (roll.isEmpty && Number.isInteger(spq) && spq >= 1 && roll.stepsPerQuarter !== spq) {
        roll.stepsPerQuarter = spq;
        view.updateExtent();
    }
}

/**
 * Puts the roll's music on a grid of `spq` steps a quarter note, as one edit (so one Undo takes it back): the server
 * writes it as MIDI on its grid and reads it on the new one, and says what the new grid merged or ran together.
 */
async function regrid(app, spq) {
    const { state } = app;
    const { roll } = state;
    const midi = await api.exportMidi({ frames: roll.frames(), tempo: state.settings.tempo, stepsPerQuarter: roll.stepsPerQuarter }, state.limits);
    const data = await api.importMidi(await midi.arrayBuffer(), { stepsPerQuarter: spq }, state.limits);
    if (data.stepsPerQuarter !== spq || !Array.isArray(data.frames)) throw new Error("the server did not answer the roll on the grid asked");
    app.editing.edit(() => {
        roll.clear();
        roll.stepsPerQuarter = spq;
        roll.place(0, data.frames, USER);
        return true;
    });
    return data.quantisation?.summary ?? "";
}

/**
 * Makes the server's model `id` the page's. Music already on the roll moves to the model's grid when it differs, unless
 * `keepRoll` (an import that has just read the roll on that grid); the status line says what the move did.
 */
export async function choose(app, id, { keepRoll = false } = {}) {
    const { ui, state, view } = app;
    const status = (...args) => app.readouts.status(...args);
    if (state.generating) {
        ui.modelChoice.value = state.model?.id ?? "";
        return status("Wait for the model to answer before choosing another.", "error");
    }
    try {
        const model = await api.getModel(id);
        const { roll } = state;
        const moved = !keepRoll && !roll.isEmpty && roll.stepsPerQuarter !== model.stepsPerQuarter
            ? await regrid(app, model.stepsPerQuarter)
            : null;
        apply(app, model);
        view.render();
        if (!keepRoll) {
            // A description carries what the list shows of it: what it learnt, its name and its grid.
            const ready = `The ${label(model)} model is ready`;
            status(moved === null ? `${ready}.` : `${ready}; your music moved to its grid: ${moved}.`, "ok");
        }
    } catch (err) {
        ui.modelChoice.value = state.model?.id ?? "";
        status(`The model could not be chosen: ${err.message}`, "error");
    }
}

/** After an undo or redo put the roll back on another grid: the page's model becomes the first on that grid, if any. */
export function followRoll(app) {
    const { state } = app;
    const spq = state.roll.stepsPerQuarter;
    if (!state.model || state.model.stepsPerQuarter === spq) return;
    const onGrid = state.model.models?.find((m) => m.stepsPerQuarter === spq);
    if (onGrid) choose(app, onGrid.id, { keepRoll: true });
}

/**
 * Loads the server's models (GET /api/model) and applies the one the page opens with, or, for music restored from the
 * last visit, the first on its grid; a failure is shown, not thrown.
 */
export async function load(app) {
    const { ui, state } = app;
    try {
        let model = await api.getModel();
        const models = Array.isArray(model.models) ? model.models : [];
        ui.modelChoice.replaceChildren(...models.map((choice) => new Option(label(choice), choice.id)));
        ui.modelChoice.disabled = models.length < 2;
        const { roll } = state;
        const onGrid = models.find((m) => m.stepsPerQuarter === roll.stepsPerQuarter);
        if (state.restored && roll.stepsPerQuarter !== model.stepsPerQuarter && onGrid) model = await api.getModel(onGrid.id);
        apply(app, model);
        ui.modelChoice.addEventListener("change", () => choose(app, ui.modelChoice.value));
    } catch (err) {
        ui.model.textContent = "model unavailable";
        ui.model.classList.add("unavailable");
        app.readouts.status(`The model could not be loaded: ${err.message}`, "error");
    }
}
