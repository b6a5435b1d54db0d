// Wires the page together: the state, the roll's view, the piano, and the parts that handle the controls. Each part
// gets the same `app` object (the elements, the state, the view, the synth and player, and the other parts), so
// that the state lives in one place and the parts call each other through it.

import { PianoSynth, Player } from "./audio.js";
import * as conditional from "./conditional.js";
import * as editing from "./editing.js";
import * as files from "./files.js";
import * as generation from "./generation.js";
import * as model from "./model.js";
import * as playback from "./playback.js";
import * as selection from "./selection.js";
import * as settings from "./settings.js";
import * as shortcuts from "./shortcuts.js";
import { createState } from "./state.js";
import { createReadouts, findElements } from "./ui.js";
import { RollView } from "./view.js";

const ui = findElements();
const state = createState();
const synth = new PianoSynth();
const view = new RollView({
    scroller: ui.scroller,
    sizer: ui.sizer,
    stage: ui.stage,
    canvas: ui.canvas,
    clip: ui.clip,
    playhead: ui.playhead,
    hover: ui.hover,
    roll: state.roll,
});
const app = { ui, state, synth, view };
app.player = new Player(synth, state.roll, (step) => app.playback.ended(step));
app.readouts = createReadouts(app);
app.editing = editing.install(app);
app.selection = selection.install(app);
app.playback = playback.install(app);
app.generation = generation.install(app);
app.conditional = conditional.install(app);
app.files = files.install(app);
settings.install(app);
shortcuts.install(app);

settings.show(app);
view.centreOnPitch(66); // C3..C6 in view
view.render();
app.readouts.refreshControls();
view.setPlayhead(0);
const ready = model.load(app).then(() => {
    view.placeOverlays();
    view.render();
});

// ---- hooks for automated tests ----

window.neuralPiano = {
    ready,
    cellCenter: (step, pitch) => view.cellCenter(step, pitch),
    rulerCenter: (step) => view.rulerCenter(step),
    selection: () => (state.selection ? { ...state.selection } : null),
    isBusy: () => state.generating,
    notes: () => state.roll.notes(),
    playheadStep: () => (app.player.playing ? app.player.position() : view.playheadStep),
    isPlaying: () => app.player.playing,
    audioState: () => synth.state,
    scheduledNotes: () => synth.started,
    colorAt: (step, pitch) => view.colorAt(step, pitch),
    stepsPerQuarter: () => state.roll.stepsPerQuarter,
    modelId: () => state.model?.id ?? null,
    limits: () => ({ ...state.limits }),
};
