// The number fields (tempo, steps, temperature, seed, max notes, particles): one check and one message for each, used
// when a saved value is restored, while typing, when a field is committed, and before playing or asking the model.

import * as messages from "./messages.js";

const { RANGES } = messages;

export const DEFAULTS = Object.freeze({ tempo: 100, steps: 64, temperature: 1, seed: 1, maxNotes: 0, particles: 64 });

// Each field's input, its check (a value, or null when wrong) and its message; the steps and particles depend on the
// server.
const FIELDS = {
    tempo: {
        input: "tempo",
        valid: (v) => (Number.isFinite(v) && v >= RANGES.tempo.min && v <= RANGES.tempo.max ? v : null),
        message: () => messages.tempo,
    },
    steps: {
        input: "steps",
        valid: (v, limits) => (Number.isInteger(v) && v >= 1 && v <= limits.maxSteps ? v : null),
        message: (limits) => messages.steps(limits.maxSteps),
    },
    temperature: {
        input: "temperature",
        valid: (v) => (Number.isFinite(v) && v > 0 && v <= RANGES.temperature.max ? v : null),
        message: () => messages.temperature,
    },
    // The server takes an unsigned 64-bit seed; every safe integer from 0 fits.
    seed: {
        input: "seed",
        valid: (v) => (Number.isSafeInteger(v) && v >= 0 ? v : null),
        message: () => messages.seed,
    },
    // 0 means no limit, as the server reads it.
    maxNotes: {
        input: "maxNotes",
        valid: (v) => (Number.isInteger(v) && v >= 0 && v <= RANGES.maxNotes.max ? v : null),
        message: () => messages.maxNotes,
    },
    particles: {
        input: "particles",
        valid: (v, limits) => (Number.isInteger(v) && v >= 1 && v <= limits.maxParticles ? v : null),
        message: (limits) => messages.particles(limits.maxParticles),
    },
};

/** `raw` as the setting `key` takes it, or null. */
export function valid(key, raw, limits) {
    return FIELDS[key].valid(Number(raw), limits);
}

/** The message that says what `key` takes. */
export function message(key, limits) {
    return FIELDS[key].message(limits);
}

/** The fields `keys` as typed: `{values}` when all are right, else `{error}` with the first wrong one's message. */
export function read(app, keys) {
    const { ui, state } = app;
    const values = {};
    for (const key of keys) {
        const value = valid(key, ui[FIELDS[key].input].value, state.limits);
        if (value === null) return { error: message(key, state.limits) };
        values[key] = value;
    }
    return { values };
}

/** The saved settings, each checked, with the default for any missing or wrong. */
export function restore(saved, limits) {
    const settings = {};
    for (const key of Object.keys(FIELDS)) settings[key] = valid(key, saved?.[key], limits) ?? DEFAULTS[key];
    return settings;
}

/** Shows the settings in their fields. */
export function show(app) {
    const { ui, state: { settings } } = app;
    for (const [key, field] of Object.entries(FIELDS)) {
        const value = settings[key];
        ui[field.input].value = key === "temperature" && Number.isInteger(value) ? value.toFixed(1) : String(value);
        ui[field.input].classList.remove("invalid");
    }
}

/** Follows the server's limits: the steps and particles fields' max, and a setting past its max brought down to it. */
export function applyLimits(app) {
    const { ui, state } = app;
    for (const [key, most] of [["steps", state.limits.maxSteps], ["particles", state.limits.maxParticles]]) {
        const input = ui[FIELDS[key].input];
        input.max = String(most);
        if (state.settings[key] > most) {
            state.settings[key] = most;
            input.value = String(most);
            input.classList.remove("invalid");
        }
    }
}

/** A right value takes effect while typing (the tempo even during playback); a wrong one is flagged when committed. */
export function install(app) {
    const { ui, state } = app;
    for (const [key, field] of Object.entries(FIELDS)) {
        const input = ui[field.input];
        const apply = () => {
            const value = valid(key, input.value, state.limits);
            input.classList.toggle("invalid", value === null);
            if (value === null || value === state.settings[key]) return value;
            state.settings[key] = value;
            if (key === "tempo") app.player.setTempo(value);
            app.readouts.persist();
            return value;
        };
        input.addEventListener("input", apply);
        input.addEventListener("change", () => {
            if (apply() === null) app.readouts.status(message(key, state.limits), "error");
        });
    }
}
