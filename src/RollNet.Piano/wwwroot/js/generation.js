// Asking the model to continue the roll: the settings and the server's limits are checked first, so a request the
// server would refuse, or whose answer the roll could not hold, is never sent.

import * as api from "./api.js";
import { generationProblem } from "./limits.js";
import { HIGHEST_PITCH, MODEL, OFF, isPitch } from "./roll.js";
import * as settings from "./settings.js";
import { showWorking } from "./ui.js";
import { ROW_HEIGHT } from "./view.js";

export function install(app) {
    const { ui, state, view, synth } = app;
    const { roll } = state;
    const status = (...args) => app.readouts.status(...args);

    /** Scrolls horizontally to a step if it is out of view, keeping the vertical position unless the pitch is hidden. */
    function revealStep(step, pitch) {
        const s = view.scroller;
        const x = step * view.cellWidth;
        if (x < s.scrollLeft || x > s.scrollLeft + view.gridWidth - view.cellWidth) {
            s.scrollLeft = Math.max(0, x - view.gridWidth * 0.25);
        }
        if (isPitch(pitch)) {
            const y = (HIGHEST_PITCH - pitch) * ROW_HEIGHT;
            if (y < s.scrollTop || y > s.scrollTop + view.gridHeight - ROW_HEIGHT) view.centreOnPitch(pitch);
        }
        view.requestRender();
    }

    async function generate() {
        if (state.generating) return;
        const read = settings.read(app, ["steps", "temperature", "seed", "maxNotes"]);
        if (read.error) return status(read.error, "error");
        const { steps, temperature, seed, maxNotes } = read.values;
        Object.assign(state.settings, read.values);
        app.readouts.persist();

        const start = roll.length;
        const problem = generationProblem(start, steps, state.limits);
        if (problem) return status(problem, "error");

        const frames = roll.frames(0, start);
        state.generating = true;
        const done = showWorking(ui.generate, "Generating");
        app.readouts.refreshControls();
        status(`The model is writing ${steps} steps after ${start === 0 ? "an empty roll" : `step ${start}`}…`, "busy");
        try {
            const continuation = await api.generate({ frames, steps, temperature, seed, maxNotes, model: state.model?.id, avoidParallels: ui.avoidParallels.checked }, state.limits);
            let notes = 0;
            app.editing.edit(() => {
                // Placed after the primer as sent; cells the user drew meanwhile are kept.
                roll.grow(start + continuation.length);
                continuation.forEach((pitches, t) => {
                    if (!Array.isArray(pitches)) return;
                    for (const pitch of pitches) {
                        if (isPitch(pitch) && roll.get(start + t, pitch) === OFF && roll.set(start + t, pitch, MODEL)) notes++;
                    }
                });
                return notes > 0;
            });
            const first = continuation.findIndex((p) => Array.isArray(p) && p.length > 0);
            if (first >= 0) revealStep(start + first, continuation[first][0]);
            status(notes > 0
                ? `The model added ${continuation.length} steps from step ${start} (${notes} cells).`
                : `The model answered ${continuation.length} silent steps.`, "ok");
        } catch (err) {
            status(err.message, "error");
        } finally {
            done();
            state.generating = false;
            app.readouts.refreshControls();
        }
    }

    ui.generate.addEventListener("click", () => {
        synth.ensure();
        generate();
    });

    return { generate };
}
