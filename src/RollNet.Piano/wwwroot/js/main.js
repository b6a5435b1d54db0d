// Wires the page together: the roll, its view, the piano, the server and the controls.

import * as api from "./api.js";
import { PianoSynth, Player } from "./audio.js";
import { HIGHEST_PITCH, History, LOWEST_PITCH, MAX_STEPS, MODEL, OFF, Roll, USER, isPitch } from "./roll.js";
import * as storage from "./storage.js";
import { KEYBOARD_WIDTH, ROW_HEIGHT, RULER_HEIGHT, RollView, noteName } from "./view.js";

const $ = (id) => document.getElementById(id);
const ui = {
    play: $("play"),
    tempo: $("tempo"),
    generate: $("generate"),
    steps: $("steps"),
    temperature: $("temperature"),
    seed: $("seed"),
    maxNotes: $("max-notes"),
    undo: $("undo"),
    redo: $("redo"),
    clear: $("clear"),
    import: $("import"),
    importFile: $("import-file"),
    export: $("export"),
    status: $("status"),
    info: $("info"),
    model: $("model"),
    canvas: $("roll"),
    hover: $("hover"),
    playhead: $("playhead"),
};

const DEFAULTS = { tempo: 100, steps: 64, temperature: 1, seed: 1, maxNotes: 0 };
let model = null; // the server's model description, once loaded
let maxSteps = 1024;

// ---- state, restored from the last visit when possible ----

const saved = storage.load();
let roll;
try {
    roll = saved ? Roll.fromJSON(saved) : new Roll(1);
} catch {
    roll = new Roll(1);
}
const restored = saved !== null && !roll.isEmpty;
const settings = {
    tempo: validTempo(saved?.tempo) ?? DEFAULTS.tempo,
    steps: validSteps(saved?.steps) ?? DEFAULTS.steps,
    temperature: validTemperature(saved?.temperature) ?? DEFAULTS.temperature,
    seed: validSeed(saved?.seed) ?? DEFAULTS.seed,
    maxNotes: validMaxNotes(saved?.maxNotes) ?? DEFAULTS.maxNotes,
};
ui.tempo.value = settings.tempo;
ui.steps.value = settings.steps;
ui.temperature.value = Number.isInteger(settings.temperature) ? settings.temperature.toFixed(1) : String(settings.temperature);
ui.seed.value = settings.seed;
ui.maxNotes.value = settings.maxNotes;

const history = new History(roll);
const synth = new PianoSynth();
const view = new RollView({
    scroller: $("scroller"),
    sizer: $("sizer"),
    stage: $("stage"),
    canvas: ui.canvas,
    clip: $("clip"),
    playhead: ui.playhead,
    hover: ui.hover,
    roll,
});
const player = new Player(synth, roll, onPlaybackEnd);
view.centreOnPitch(66); // C3..C6 in view
view.render();

function validTempo(v) {
    v = Number(v);
    return Number.isFinite(v) && v >= 20 && v <= 300 ? v : null;
}

function validSteps(v) {
    v = Number(v);
    return Number.isInteger(v) && v >= 1 && v <= maxSteps ? v : null;
}

function validTemperature(v) {
    v = Number(v);
    return Number.isFinite(v) && v > 0 && v <= 100 ? v : null;
}

// The server takes an unsigned 64-bit seed; every safe integer from 0 fits.
function validSeed(v) {
    v = Number(v);
    return Number.isSafeInteger(v) && v >= 0 ? v : null;
}

// 0 means no limit, as the server reads it.
function validMaxNotes(v) {
    v = Number(v);
    return Number.isInteger(v) && v >= 0 && v <= 88 ? v : null;
}

// ---- status and readouts ----

function setStatus(text, kind = "") {
    ui.status.textContent = text;
    ui.status.className = `status ${kind}`.trim();
    ui.status.title = text;
}

function persist() {
    if (!storage.save({ roll, ...settings })) setStatus("The music could not be saved in this browser's storage.", "error");
}

function refreshControls() {
    ui.undo.disabled = !history.canUndo;
    ui.redo.disabled = !history.canRedo;
    ui.clear.disabled = roll.isEmpty;
    ui.export.disabled = roll.isEmpty;
    refreshInfo();
}

let lastInfo = "";
function refreshInfo() {
    const spq = roll.stepsPerQuarter;
    const step = Math.floor(view.playheadStep);
    const bar = Math.floor(step / (4 * spq)) + 1;
    const beat = Math.floor((step % (4 * spq)) / spq) + 1;
    const count = roll.cellCount;
    const resolution = spq === 1 ? "1 step = ♩" : `${spq} steps = ♩`;
    const text = `Bar ${bar} · beat ${beat}   ·   ${count} ${count === 1 ? "cell" : "cells"}   ·   ${roll.length} steps   ·   ${resolution}`;
    if (text !== lastInfo) ui.info.textContent = lastInfo = text;
}

/** After any change to the roll: redraw, resize the grid, save, and update the buttons. */
function changed() {
    view.updateExtent(Math.ceil(view.playheadStep) + 1);
    view.placeOverlays();
    view.requestRender();
    persist();
    refreshControls();
}

/** Runs `edit` as one undoable edit; says whether it changed anything. */
function edit(action) {
    const before = roll.snapshot();
    const spq = roll.stepsPerQuarter;
    const didChange = action();
    if (!didChange && roll.stepsPerQuarter === spq) return false;
    history.record(before);
    changed();
    return true;
}

// ---- drawing on the grid ----

let drag = null; // {mode: "draw"|"erase", before, changed, step, pitch, sounded}
let keyPress = null; // {pitch, voice}

function applyCell(step, pitch) {
    if (!isPitch(pitch) || step < 0) return;
    if (drag.mode === "draw") {
        if (roll.set(step, pitch, USER)) {
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

// Every cell on the straight line between two cells, so a fast drag leaves no gaps.
function cellsBetween(s0, p0, s1, p1, visit) {
    const n = Math.max(Math.abs(s1 - s0), Math.abs(p1 - p0));
    for (let i = 1; i <= n; i++) {
        visit(Math.round(s0 + ((s1 - s0) * i) / n), Math.round(p0 + ((p1 - p0) * i) / n));
    }
}

function pressKey(pitch) {
    if (keyPress?.pitch === pitch) return;
    releaseKey();
    keyPress = { pitch, voice: synth.note(pitch, synth.ensure() ? synth.now + 0.005 : 0) };
    view.pressedKey = pitch;
    view.requestRender();
    setStatus(`${noteName(pitch)} (MIDI ${pitch})`);
}

function releaseKey() {
    if (!keyPress) return;
    synth.release(keyPress.voice, synth.now);
    keyPress = null;
    view.pressedKey = null;
    view.requestRender();
}

function seek(step) {
    const target = Math.max(0, Math.round(step));
    if (player.playing) {
        player.start(target, settings.tempo);
    } else {
        player.anchor = { time: 0, step: target };
    }
    view.setPlayhead(target);
    updateActiveKeys(target, true);
    refreshInfo();
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
        seek(Math.max(0, hit.exactStep));
    } else if (hit.area === "grid" && hit.inside) {
        const erase = e.button === 2 || roll.get(hit.step, hit.pitch) !== OFF;
        drag = { mode: erase ? "erase" : "draw", before: roll.snapshot(), changed: false, step: hit.step, pitch: hit.pitch, sounded: null };
        view.showHover(null);
        applyCell(hit.step, hit.pitch);
        view.requestRender();
    }
});

ui.canvas.addEventListener("pointermove", (e) => {
    const hit = view.hit(e.clientX, e.clientY);
    if (drag) {
        autoScroll(e.clientX, e.clientY);
        const step = Math.max(0, hit.step);
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
    if (keyPress && hit.area === "keys" && isPitch(hit.pitch)) {
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

// Dragging near an edge of the grid scrolls it, so a long note can be drawn past what is in view.
function autoScroll(clientX, clientY) {
    const s = view.scroller;
    const rect = s.getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top;
    const edge = 24;
    const speed = 18;
    if (x > s.clientWidth - edge) s.scrollLeft += speed;
    else if (x < KEYBOARD_WIDTH + edge / 2 && s.scrollLeft > 0) s.scrollLeft -= speed;
    if (y > s.clientHeight - edge) s.scrollTop += speed / 2;
    else if (y < RULER_HEIGHT + edge / 2 && s.scrollTop > 0) s.scrollTop -= speed / 2;
}

let cursor = "";
function setCursor(value) {
    if (value !== cursor) ui.canvas.style.cursor = cursor = value;
}

function endPointer() {
    releaseKey();
    if (!drag) return;
    const { before, changed: didChange } = drag;
    drag = null;
    if (didChange) {
        history.record(before);
        changed();
    }
}

ui.canvas.addEventListener("pointerup", endPointer);
ui.canvas.addEventListener("pointercancel", endPointer);
ui.canvas.addEventListener("lostpointercapture", endPointer);
ui.canvas.addEventListener("pointerleave", () => {
    if (!drag) view.showHover(null);
});

// ---- playback ----

let animation = 0;
let lastActiveStep = -1;

function updateActiveKeys(position, force = false) {
    const step = Math.floor(position);
    if (step === lastActiveStep && !force) return;
    lastActiveStep = step;
    refreshInfo();
    view.activeKeys.clear();
    if (player.playing) {
        for (let pitch = LOWEST_PITCH; pitch <= HIGHEST_PITCH; pitch++) {
            const v = roll.get(step, pitch);
            if (v !== OFF) view.activeKeys.set(pitch, v);
        }
    }
    view.requestRender();
}

function animate() {
    if (!player.playing) {
        animation = 0;
        return;
    }
    const position = player.position();
    view.follow(position);
    view.setPlayhead(position);
    updateActiveKeys(position);
    animation = requestAnimationFrame(animate);
}

function showPlaying(playing) {
    ui.play.textContent = playing ? "Stop" : "Play";
    ui.play.classList.toggle("playing", playing);
    ui.playhead.classList.toggle("active", playing);
}

function play() {
    if (!synth.ensure()) {
        setStatus("This browser cannot play audio (no Web Audio).", "error");
        return;
    }
    if (roll.isEmpty) {
        setStatus("Nothing to play yet: draw some notes first.");
        return;
    }
    const tempo = validTempo(ui.tempo.value);
    if (tempo === null) {
        setStatus("The tempo must be 20 to 300 quarter notes a minute.", "error");
        return;
    }
    settings.tempo = tempo;
    let from = view.playheadStep;
    if (from >= roll.length) from = 0; // at the end already: start again
    player.start(from, tempo);
    view.setPlayhead(Math.floor(from));
    showPlaying(true);
    setStatus(`Playing from bar ${Math.floor(Math.floor(from) / (4 * roll.stepsPerQuarter)) + 1}.`);
    if (!animation) animation = requestAnimationFrame(animate);
}

function stop() {
    const position = player.position();
    player.stop();
    view.setPlayhead(position);
    showPlaying(false);
    updateActiveKeys(position, true);
    setStatus("Stopped.");
}

function onPlaybackEnd(step) {
    view.setPlayhead(step);
    showPlaying(false);
    updateActiveKeys(step, true);
    refreshInfo();
    setStatus("Played to the end.", "ok");
}

ui.play.addEventListener("click", () => (player.playing ? stop() : play()));

// ---- settings ----

function bindNumber(input, key, valid, describe) {
    // A valid value takes effect while typing (the tempo even during playback); a wrong one is flagged when committed.
    const apply = () => {
        const value = valid(input.value);
        input.classList.toggle("invalid", value === null);
        if (value === null || value === settings[key]) return value;
        settings[key] = value;
        if (key === "tempo") player.setTempo(value);
        persist();
        return value;
    };
    input.addEventListener("input", apply);
    input.addEventListener("change", () => {
        if (apply() === null) setStatus(describe, "error");
    });
}

bindNumber(ui.tempo, "tempo", validTempo, "The tempo must be 20 to 300 quarter notes a minute.");
bindNumber(ui.steps, "steps", validSteps, "Steps must be a whole number from 1 to the model's limit.");
bindNumber(ui.temperature, "temperature", validTemperature, "The temperature must be a number above 0.");
bindNumber(ui.seed, "seed", validSeed, "The seed must be a whole number from 0.");
bindNumber(ui.maxNotes, "maxNotes", validMaxNotes, "Max notes must be a whole number from 0 (no limit) to 88.");

// ---- generate ----

let generating = false;

async function generateContinuation() {
    if (generating) return;
    const steps = validSteps(ui.steps.value);
    const temperature = validTemperature(ui.temperature.value);
    const seed = validSeed(ui.seed.value);
    const maxNotes = validMaxNotes(ui.maxNotes.value);
    if (steps === null) return setStatus(`Steps must be a whole number from 1 to ${maxSteps}.`, "error");
    if (temperature === null) return setStatus("The temperature must be a number above 0.", "error");
    if (seed === null) return setStatus("The seed must be a whole number from 0.", "error");
    if (maxNotes === null) return setStatus("Max notes must be a whole number from 0 (no limit) to 88.", "error");
    Object.assign(settings, { steps, temperature, seed, maxNotes });
    persist();

    const start = roll.length;
    const frames = roll.frames(0, start);
    generating = true;
    ui.generate.disabled = true;
    ui.generate.classList.add("busy");
    const began = performance.now();
    const tick = () => {
        const seconds = Math.floor((performance.now() - began) / 1000);
        ui.generate.textContent = seconds > 0 ? `Generating… ${seconds} s` : "Generating…";
    };
    tick();
    const timer = setInterval(tick, 500);
    setStatus(`The model is writing ${steps} steps after ${start === 0 ? "an empty roll" : `step ${start}`}…`, "busy");
    try {
        const continuation = await api.generate({ frames, steps, temperature, seed, maxNotes });
        let notes = 0;
        edit(() => {
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
        setStatus(notes > 0
            ? `The model added ${continuation.length} steps from step ${start} (${notes} cells).`
            : `The model answered ${continuation.length} silent steps.`, "ok");
    } catch (err) {
        setStatus(err.message, "error");
    } finally {
        clearInterval(timer);
        generating = false;
        ui.generate.disabled = false;
        ui.generate.classList.remove("busy");
        ui.generate.textContent = "Generate";
    }
}

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

ui.generate.addEventListener("click", () => {
    synth.ensure();
    generateContinuation();
});

// ---- undo, redo, clear ----

function undo() {
    if (history.undo()) {
        changed();
        setStatus("Undone.");
    }
}

function redo() {
    if (history.redo()) {
        changed();
        setStatus("Redone.");
    }
}

ui.undo.addEventListener("click", undo);
ui.redo.addEventListener("click", redo);
ui.clear.addEventListener("click", () => {
    if (player.playing) stop();
    const cleared = edit(() => {
        const had = !roll.isEmpty;
        roll.clear();
        if (model) roll.stepsPerQuarter = model.stepsPerQuarter;
        return had;
    });
    seek(0);
    if (cleared) setStatus("Cleared. Undo brings the music back.");
});

// ---- import and export ----

ui.import.addEventListener("click", () => ui.importFile.click());

ui.importFile.addEventListener("change", async () => {
    const file = ui.importFile.files?.[0];
    ui.importFile.value = ""; // so choosing the same file again still fires
    if (!file) return;
    setStatus(`Reading ${file.name}…`, "busy");
    try {
        const data = await api.importMidi(await file.arrayBuffer(), model?.stepsPerQuarter);
        const spq = data.stepsPerQuarter;
        if (!Number.isInteger(spq) || spq < 1 || spq > 96) throw new Error("the server's answer has no valid stepsPerQuarter");
        if (data.frames.length > MAX_STEPS) throw new Error(`${file.name} is too long: ${data.frames.length} steps, at most ${MAX_STEPS}`);
        if (player.playing) stop();
        edit(() => {
            roll.clear();
            roll.stepsPerQuarter = spq;
            roll.place(0, data.frames, USER);
            return true;
        });
        seek(0);
        view.scroller.scrollLeft = 0;
        const notes = roll.notes();
        if (notes.length) {
            const pitches = notes.map((n) => n.pitch).sort((a, b) => a - b);
            view.centreOnPitch(pitches[Math.floor(pitches.length / 2)]);
        }
        view.render();
        setStatus(`Imported ${file.name}: ${roll.length} steps, ${spq} ${spq === 1 ? "step" : "steps"} a quarter note.`, "ok");
    } catch (err) {
        setStatus(err.message, "error");
    }
});

ui.export.addEventListener("click", async () => {
    if (roll.isEmpty) return setStatus("Nothing to export yet: draw some notes first.");
    setStatus("Writing the MIDI file…", "busy");
    try {
        const blob = await api.exportMidi({ frames: roll.frames(), tempo: settings.tempo, stepsPerQuarter: roll.stepsPerQuarter });
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = "neuralpiano.mid";
        link.hidden = true;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 30000);
        setStatus("Saved neuralpiano.mid.", "ok");
    } catch (err) {
        setStatus(err.message, "error");
    }
});

// ---- keyboard shortcuts ----

window.addEventListener("keydown", (e) => {
    const typing = e.target instanceof HTMLInputElement;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && !e.altKey && (key === "z" || key === "y")) {
        if (typing) return; // the field's own undo
        e.preventDefault();
        if (key === "y" || e.shiftKey) redo();
        else undo();
    } else if (e.key === " " && !typing && !mod && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        synth.ensure();
        if (player.playing) stop();
        else play();
    } else if (e.key === "Home" && !typing) {
        e.preventDefault();
        seek(0);
        view.scroller.scrollLeft = 0;
    }
});

// ---- the model ----

function describe(m) {
    const parts = [];
    if (m.layers && m.hiddenSize) parts.push(`${m.layers}×${m.hiddenSize} LSTM`);
    if (Number.isFinite(m.parameters)) parts.push(`${(m.parameters / 1e6).toFixed(2)} M parameters`);
    if (m.trainedOn) parts.push(`trained on ${m.trainedOn}`);
    return parts.join(" · ") || m.name || "the bundled model";
}

async function loadModel() {
    try {
        model = await api.getModel();
        ui.model.textContent = describe(model);
        ui.model.title = [model.name, model.device && `running on ${model.device}`, model.dropout != null && `dropout ${model.dropout}`]
            .filter(Boolean).join(" · ");
        if (Number.isInteger(model.maxSteps) && model.maxSteps > 0) {
            maxSteps = model.maxSteps;
            ui.steps.max = String(maxSteps);
        }
        const spq = model.stepsPerQuarter;
        if (roll.isEmpty && !restored && Number.isInteger(spq) && spq >= 1 && roll.stepsPerQuarter !== spq) {
            roll.stepsPerQuarter = spq;
            view.updateExtent();
        }
    } catch (err) {
        ui.model.textContent = "model unavailable";
        ui.model.classList.add("unavailable");
        setStatus(`The model could not be loaded: ${err.message}`, "error");
    }
}

refreshControls();
showPlaying(false);
view.setPlayhead(0);
const ready = loadModel().then(() => {
    view.placeOverlays();
    view.render();
});

// ---- hooks for automated tests ----

window.neuralPiano = {
    ready,
    cellCenter: (step, pitch) => view.cellCenter(step, pitch),
    notes: () => roll.notes(),
    playheadStep: () => (player.playing ? player.position() : view.playheadStep),
    isPlaying: () => player.playing,
    audioState: () => synth.state,
    scheduledNotes: () => synth.started,
    colorAt: (step, pitch) => view.colorAt(step, pitch),
    stepsPerQuarter: () => roll.stepsPerQuarter,
};
