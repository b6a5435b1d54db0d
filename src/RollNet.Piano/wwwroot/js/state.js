// Everything the page remembers, in one object: the music and its history, the settings, the server's model and
// limits, and what a gesture, the playback or a request in flight is in the middle of. The modules read and change
// this object only; none keeps state of its own.

import { DEFAULT_LIMITS } from "./limits.js";
import { History, Roll } from "./roll.js";
import * as settings from "./settings.js";
import * as storage from "./storage.js";

/** The state restored from the last visit when possible, else a fresh one. */
export function createState() {
    const saved = storage.load();
    let roll;
    try {
        roll = saved ? Roll.fromJSON(saved) : new Roll(1);
    } catch {
        roll = new Roll(1);
    }
    const limits = DEFAULT_LIMITS;
    return {
        roll,
        history: new History(roll),
        // Whether music from the last visit was restored: then the model's grid does not replace the roll's own.
        restored: saved !== null && !roll.isEmpty,
        settings: settings.restore(saved, limits),
        model: null, // the server's description (GET /api/model), once loaded
        limits, // what the server takes; its defaults until the model is loaded
        // a stroke on the grid: {mode: "draw"|"erase", before, changed, step, pitch, sounded, refused}; or a drag along
        // the ruler: {mode: "select", anchor, step, changed}
        drag: null,
        keyPress: null, // a key held on the keyboard: {pitch, voice}
        playback: { animation: 0, lastActiveStep: -1 },
        generating: false, // a request to the model (generate, harmonize or fill) is in flight
        cancel: null, // aborts the harmonize or fill in flight: an AbortController
        selection: null, // the steps Fill selection rewrites: {from, to}, to excluded
        shown: { info: "", cursor: "" }, // what the info line and the cursor show, so they are written only on change
    };
}
