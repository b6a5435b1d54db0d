// Harmonize and Fill selection: the model redraws part of the roll around notes it keeps. Harmonize keeps the highest
// note of each step as the melody and writes the voices beneath; Fill selection keeps every step outside the selected
// span and rewrites the span. The roll is left alone until the answer comes, so Cancel (or Esc) only drops the request,
// and the answer is placed as one edit, so one Undo restores the roll as it was.

import * as api from "./api.js";
import { particleProblem } from "./limits.js";
import * as messages from "./messages.js";
import { HIGHEST_PITCH, LOWEST_PITCH, MODEL, OFF } from "./roll.js";
import * as settings from "./settings.js";
import { showWorking } from "./ui.js";

export function install(app) {
    const { ui, state } = app;
    const { roll } = state;
    const status = (...args) => app.readouts.status(...args);

    /** The particles, temperature and seed as typed, saved; or null once the first wrong one is reported. */
    function readSettings() {
        const read = settings.read(app, ["particles", "temperature", "seed"]);
        if (read.error) {
            status(read.error, "error");
            return null;
        }
        Object.assign(state.settings, read.values);
        app.readouts.persist();
        return read.values;
    }

    /**
     * Writes the answer over steps `from`..`to`-1: a cell the model was held to keeps what the roll has, every other
     * cell becomes the answer's, in the model's colour. Says whether the roll changed, and how many cells there sound
     * in the model's colour.
     */
    function place(frames, from, to, isHeld) {
        let changed = false;
        let drawn = 0;
        for (let step = from; step < to; step++) {
            const sounding = new Set(frames[step]);
            for (let pitch = LOWEST_PITCH; pitch <= HIGHEST_PITCH; pitch++) {
                if (isHeld(step, pitch)) continue;
                if (roll.set(step, pitch, sounding.has(pitch) ? MODEL : OFF)) changed = true;
                if (roll.get(step, pitch) === MODEL) drawn++;
            }
        }
        return { changed, drawn };
    }

    /**
     * Sends `request(signal)` with the button at work and Cancel shown; `apply(answer)` places the answer in one edit.
     * Says how many cells the model's colour has where it drew, and its likelihood, or null when there is no answer.
     */
    async function ask(button, working, busyText, request, apply) {
        state.generating = true;
        state.cancel = new AbortController();
        const done = showWorking(button, working);
        app.readouts.refreshControls();
        status(busyText, "busy");
        try {
            const answer = await request(state.cancel.signal);
            let placed = null;
            app.editing.edit(() => {
                placed = apply(answer);
                return placed.changed;
            });
            const likelihood = answer.nllPerStep === null
                ? ""
                : `, ${answer.nllPerStep.toFixed(2)} nats a step given what it kept`;
            return { drawn: placed.drawn, likelihood };
        } catch (err) {
            if (err?.name === "AbortError") status("Cancelled: the roll is as it was.");
            else status(err.message, "error");
            return null;
        } finally {
            done();
            state.generating = false;
            state.cancel = null;
            app.readouts.refreshControls();
        }
    }

    async function harmonize() {
        if (state.generating) return;
        const values = readSettings();
        if (!values) return;
        if (roll.isEmpty) return status(messages.nothingToHarmonize);
        const steps = roll.length;
        const problem = particleProblem(values.particles, steps, state.limits);
        if (problem) return status(problem, "error");

        const frames = roll.frames(0, steps);
        const rests = ui.holdRests.checked ? "hold" : "free";
        // Frames list their pitches ascending: the last is the melody's note, and every key from it up is kept.
        const melody = frames.map((pitches) => (pitches.length > 0 ? pitches[pitches.length - 1] : Infinity));
        const result = await ask(ui.harmonize, "Harmonizing",
            `The model is writing the voices beneath your melody of ${steps} steps with ${values.particles} particles…`,
            (signal) => api.harmonize({ frames, ...values, rests, model: state.model?.id, avoidParallels: ui.avoidParallels.checked }, state.limits, signal),
            (answer) => place(answer.frames, 0, steps, (step, pitch) => pitch >= melody[step]));
        if (result) {
            status(`The model harmonized ${steps} steps beneath your melody (${result.drawn} cells${result.likelihood}).`, "ok");
        }
    }

    async function fill() {
        if (state.generating) return;
        const values = readSettings();
        if (!values) return;
        const span = state.selection;
        if (!span) return status(messages.nothingSelected);
        // A span past the music's end is filled after it, the silence up to it included in the roll sent.
        const steps = Math.max(roll.length, span.to);
        const problem = particleProblem(values.particles, steps, state.limits);
        if (problem) return status(problem, "error");

        const frames = roll.frames(0, steps);
        const { from, to } = span;
        const result = await ask(ui.fill, "Filling",
            `The model is rewriting steps ${from} to ${to - 1} to fit what surrounds them, with ${values.particles} particles…`,
            (signal) => api.fill({ frames, from, to, ...values, model: state.model?.id, avoidParallels: ui.avoidParallels.checked }, state.limits, signal),
            (answer) => place(answer.frames, from, to, () => false));
        if (result) status(`The model rewrote steps ${from} to ${to - 1} (${result.drawn} cells${result.likelihood}).`, "ok");
    }

    /** Drops the harmonize or fill in flight, if any; says whether there was one. */
    function cancel() {
        if (!state.cancel) return false;
        state.cancel.abort();
        return true;
    }

    ui.harmonize.addEventListener("click", harmonize);
    ui.fill.addEventListener("click", fill);
    ui.cancel.addEventListener("click", cancel);

    return { harmonize, fill, cancel };
}
