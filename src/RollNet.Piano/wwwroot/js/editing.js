// Changing the roll: drawing and erasing on the grid, the keyboard's keys, undo, redo and clear; and on the ruler,
// moving the playhead and selecting steps. Every change goes through edit() or a stroke, so it is undoable, drawn,
// saved and reflected in the buttons.

import * as messages from "./messages.js";
import * as models from "./model.js";
import { HIGHEST_PITCH, LOWEST_PITCH, OFF, USER, isPitch } from "./roll.js";
import { KEYBOARD_WIDTH, RULER_HEIGHT, noteName } from "./view.js";

// Every cell on the straight line between two cells, so a fast drag leaves no gaps.
function cellsBetween(s0, p0, s1, p1, visit) {
    const n = Math.max(Math.abs(s1 - s0), Math.abs(p1 - p0));
    for (let i = 1; i <= n; i++) {
        visit(Math.round(s0 + ((s1 - s0) * i) / n), Math.round(p0 + ((p1 - p0) * i) / n));
    }
}

// Dragging near an edge of the grid scrolls it, so a long note can be drawn past what is in view; a drag along the
// ruler, which sits at the top edge, scrolls only sideways.
function autoScroll(scroller, clientX, clientY, vertically) {
    const rect = scroller.getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top;
    const edge = 24;
    const speed = 18;
    if (x > scroller.clientWidth - edge) scroller.scrollLeft += speed;
    else if (x < KEYBOARD_WIDTH + edge / 2 && scroller.scrollLeft > 0) scroller.scrollLeft -= speed;
    if (!vertically) return;
    if (y > scroller.clientHeight - edge) scroller.scrollTop += speed / 2;
    else if (y < RULER_HEIGHT + edge / 2 && scroller.scrollTop > 0) scroller.scrollTop -= speed / 2;
}

export function install(app) {
    const { ui, state, view, synth } = app;
    const { roll, history } = state;
    const status = (...args) => app.readouts.status(...args);

    /** After any change to the roll: redraw, resize the grid, save, and update the buttons. */
    function changed() {
        view.updateExtent(Math.ceil(view.playheadStep) + 1);
        view.placeOverlays();
        view.requestRender();
        app.readouts.persist();
        app.readouts.refreshControls();
    }

    /** Runs `action` as one undoable edit; says whether it changed anything. */
    function edit(action) {
        const before = roll.snapshot();
        const spq = roll.stepsPerQuarter;
        const didChange = action();
        if (!didChange && roll.stepsPerQuarter === spq) return false;
        history.record(before);
        changed();
        return true;
    }

    function undo() {
        if (history.undo()) {
            changed();
            status("Undone.");
            models.followRoll(app);
        }
    }

    function redo() {
        if (history.redo()) {
            changed();
            status("Redone.");
            models.followRoll(app);
        }
    }

    function clear() {
        if (app.player.playing) app.playback.stop();
        const cleared = edit(() => {
            const had = !roll.isEmpty;
            roll.clear();
            if (state.model) roll.stepsPerQuarter = state.model.stepsPerQuarter;
            return had;
        });
        app.playback.seek(0);
        if (cleared) status("Cleared. Undo brings the music back.");
    }

    // ---- strokes on the grid ----

    function applyCell(step, pitch) {
        const drag = state.drag;
        if (!isPitch(pitch) || step < 0) return;
        if (drag.mode === "draw") {
            if (step >= roll.maxLength) {
                if (!drag.refused) status(messages.pastTheEnd(roll.maxLength), "error");
                drag.refused = true;
            } else if (roll.set(step, pitch, USER)) {
                drag.changed = true;
                // Sound each new key drawn, but not every cell of a note drawn along its key.
                if (drag.sounded !== pitch) {
                    synth.preview(pitch);
                    drag.sounded = pitch;
                }
            }
        } else if (roll.set(step, pitch, OFF)) {
            drag.changed = true;
        }
    }

    function pressKey(pitch) {
        if (state.keyPress?.pitch === pitch) return;
        releaseKey();
        state.keyPress = { pitch, voice: synth.note(pitch, synth.ensure() ? synth.now + 0.005 : 0) };
        view.pressedKey = pitch;
        view.requestRender();
        status(`${noteName(pitch)} (MIDI ${pitch})`);
    }

    function releaseKey() {
        if (!state.keyPress) return;
        synth.release(state.keyPress.voice, synth.now);
        state.keyPress = null;
        view.pressedKey = null;
        view.requestRender();
    }

    function setCursor(value) {
        if (value !== state.shown.cursor) ui.canvas.style.cursor = state.shown.cursor = value;
    }

    function endPointer() {
        releaseKey();
        if (!state.drag) return;
        const { before, changed: didChange } = state.drag;
        state.drag = null;
        if (didChange) {
            history.record(before);
            changed();
        }
    }

    ui.canvas.addEventListener("contextmenu", (e) => e.preventDefault());

    ui.canvas.addEventListener("pointerdown", (e) => {
        synth.ensure(); // the first gesture is when the browser allows audio
        const hit = view.hit(e.clientX, e.clientY);
        if (e.button !== 0 && e.button !== 2) return;
        e.preventDefault();
        ui.canvas.setPointerCapture(e.pointerId);
        if (hit.area === "keys") {
            if (isPitch(hit.pitch)) pressKey(hit.pitch);
        } else if (hit.area === "ruler") {
            // A click moves the playhead and clears the selection; a drag along the ruler selects steps.
            app.playback.seek(Math.max(0, hit.exactStep));
            app.selection.clear();
            const step = Math.max(0, hit.step);
            state.drag = { mode: "select", anchor: step, step, changed: false };
        } else if (hit.area === "grid" && hit.inside) {
            const erase = e.button === 2 || roll.get(hit.step, hit.pitch) !== OFF;
            state.drag = {
                mode: erase ? "erase" : "draw", before: roll.snapshot(), changed: false,
                step: hit.step, pitch: hit.pitch, sounded: null, refused: false,
            };
            view.showHover(null);
            applyCell(hit.step, hit.pitch);
            view.requestRender();
        }
    });

    ui.canvas.addEventListener("pointermove", (e) => {
        const hit = view.hit(e.clientX, e.clientY);
        const drag = state.drag;
        if (drag) {
            autoScroll(view.scroller, e.clientX, e.clientY, drag.mode !== "select");
            const step = Math.max(0, hit.step);
            if (drag.mode === "select") {
                if (step !== drag.step) {
                    drag.step = step;
                    app.selection.select(drag.anchor, step);
                    if (step >= view.extent - 8) view.updateExtent(step + 16);
                }
                return;
            }
            const pitch = Math.min(HIGHEST_PITCH, Math.max(LOWEST_PITCH, hit.pitch));
            if (step !== drag.step || pitch !== drag.pitch) {
                cellsBetween(drag.step, drag.pitch, step, pitch, applyCell);
                drag.step = step;
                drag.pitch = pitch;
                if (step >= view.extent - 8) view.updateExtent(step + 16);
                view.requestRender();
            }
            return;
        }
        if (state.keyPress && hit.area === "keys" && isPitch(hit.pitch)) {
            pressKey(hit.pitch); // a glissando along the keyboard
            return;
        }
        if (hit.area === "grid" && hit.inside) {
            ui.hover.classList.toggle("erase", roll.get(hit.step, hit.pitch) !== OFF);
            view.showHover(hit.step, hit.pitch);
            setCursor("crosshair");
        } else {
            view.showHover(null);
            setCursor(hit.area === "keys" || hit.area === "ruler" ? "pointer" : "default");
        }
    });

    ui.canvas.addEventListener("pointerup", endPointer);
    ui.canvas.addEventListener("pointercancel", endPointer);
    ui.canvas.addEventListener("lostpointercapture", endPointer);
    ui.canvas.addEventListener("pointerleave", () => {
        if (!state.drag) view.showHover(null);
    });

    ui.undo.addEventListener("click", undo);
    ui.redo.addEventListener("click", redo);
    ui.clear.addEventListener("click", clear);

    return { changed, edit, undo, redo, clear };
}
