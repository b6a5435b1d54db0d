// The server's model: its description in the header, its grid for a new roll, and its limits for the whole page.

import * as api from "./api.js";
import { fromModel } from "./limits.js";
import * as settings from "./settings.js";

function describe(m) {
    const parts = [];
    if (m.layers && m.hiddenSize) parts.push(`${m.layers}×${m.hiddenSize} LSTM`);
    if (m.head === "nade") parts.push(`NADE head (${m.nadeHidden} units): a frame's keys drawn together`);
    else if (m.head === "sigmoid") parts.push("sigmoid head: each key drawn on its own");
    if (Number.isFinite(m.parameters)) parts.push(`${(m.parameters / 1e6).toFixed(2)} M parameters`);
    if (m.trainedOn) parts.push(`trained on ${m.trainedOn}`);
    return parts.join(" · ") || m.name || "the bundled model";
}

/** Takes the server's limits: the roll stops at its frame limit and the steps field at its steps limit. */
function applyLimits(app, limits) {
    const { state, view } = app;
    state.limits = limits;
    state.roll.maxLength = limits.maxFrames;
    settings.applyLimits(app);
    view.updateExtent(Math.ceil(view.playheadStep) + 1);
}

/** Loads the model's description (GET /api/model) and applies it; a failure is shown, not thrown. */
export async function load(app) {
    const { ui, state, view } = app;
    try {
        const model = await api.getModel();
        state.model = model;
        ui.model.textContent = describe(model);
        ui.model.title = [model.name, model.device && `running on ${model.device}`, model.dropout != null && `dropout ${model.dropout}`]
            .filter(Boolean).join(" · ");
        applyLimits(app, fromModel(model));
        const spq = model.stepsPerQuarter;
        const { roll } = state;
        if (roll.isEmpty && !state.restored && Number.isInteger(spq) && spq >= 1 && roll.stepsPerQuarter !== spq) {
            roll.stepsPerQuarter = spq;
            view.updateExtent();
        }
    } catch (err) {
        ui.model.textContent = "model unavailable";
        ui.model.classList.add("unavailable");
        app.readouts.status(`The model could not be loaded: ${err.message}`, "error");
    }
}
