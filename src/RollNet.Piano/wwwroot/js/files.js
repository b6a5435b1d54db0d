// MIDI files: importing one replaces the roll (the server reads it onto the grid of the model that loses fewest of its
// notes, which becomes the page's model, and says what that grid merged or ran together), exporting downloads the roll
// as one.

import * as api from "./api.js";
import { importProblem } from "./limits.js";
import * as messages from "./messages.js";
import * as models from "./model.js";
import { USER } from "./roll.js";

export function install(app) {
    const { ui, state, view } = app;
    const { roll } = state;
    const status = (...args) => app.readouts.status(...args);

    async function importFile(file) {
        status(`Reading ${file.name}…`, "busy");
        try {
            const data = await api.importMidi(await file.arrayBuffer(), { model: state.model?.id }, state.limits);
            const spq = data.stepsPerQuarter;
            if (!Number.isInteger(spq) || spq < 1 || spq > 96) throw new Error("the server's answer has no valid stepsPerQuarter");
            const quantisation = data.quantisation;
            if (typeof quantisation?.summary !== "string") throw new Error("the server's answer does not say what its grid did to the notes");
            // The server refuses a piece past its limit itself; this keeps the roll whole should it not.
            const problem = importProblem(file.name, data.frames.length, spq, state.limits);
            if (problem) throw new Error(problem);
            if (app.player.playing) app.playback.stop();
            app.editing.edit(() => {
                roll.clear();
                roll.stepsPerQuarter = spq;
                roll.place(0, data.frames, USER);
                return true;
            });
            const other = typeof data.model === "string" && data.model !== state.model?.id;
            if (other) await models.choose(app, data.model, { keepRoll: true });
            app.playback.rewind();
            const notes = roll.notes();
            if (notes.length) {
                const pitches = notes.map((n) => n.pitch).sort((a, b) => a - b);
                view.centreOnPitch(pitches[Math.floor(pitches.length / 2)]);
            }
            view.render();
            // What the grid merged or ran together, in the server's words: a plain success only when it lost nothing.
            const by = other ? ` for ${state.model.name}, whose grid loses fewest notes` : "";
            status(`Imported ${file.name}: ${roll.length} steps${by}; ${quantisation.summary}.`, quantisation.lost > 0 ? "" : "ok");
        } catch (err) {
            status(err.message, "error");
        }
    }

    async function exportFile() {
        if (roll.isEmpty) return status(messages.nothingToExport);
        status("Writing the MIDI file…", "busy");
        try {
            const blob = await api.exportMidi({ frames: roll.frames(), tempo: state.settings.tempo, stepsPerQuarter: roll.stepsPerQuarter }, state.limits);
            const url = URL.createObjectURL(blob);
            const link = document.createElement("a");
            link.href = url;
            link.download = "neuralpiano.mid";
            link.hidden = true;
            document.body.append(link);
            link.click();
            link.remove();
            setTimeout(() => URL.revokeObjectURL(url), 30000);
            status("Saved neuralpiano.mid.", "ok");
        } catch (err) {
            status(err.message, "error");
        }
    }

    ui.import.addEventListener("click", () => ui.importFile.click());
    ui.importFile.addEventListener("change", () => {
        const file = ui.importFile.files?.[0];
        ui.importFile.value = ""; // so choosing the same file again still fires
        if (file) importFile(file);
    });
    ui.export.addEventListener("click", exportFile);

    return { importFile, exportFile };
}
