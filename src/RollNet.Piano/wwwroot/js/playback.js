// Playing the roll: the transport button, the playhead that follows the sound, the keys lit while they sound, and
// seeking.

import * as messages from "./messages.js";
import { HIGHEST_PITCH, LOWEST_PITCH, OFF } from "./roll.js";
import * as settings from "./settings.js";

export function install(app) {
    const { ui, state, view, synth, player } = app;
    const { roll } = state;
    const status = (...args) => app.readouts.status(...args);

    function updateActiveKeys(position, force = false) {
        const step = Math.floor(position);
        if (step === state.playback.lastActiveStep && !force) return;
        state.playback.lastActiveStep = step;
        app.readouts.refreshInfo();
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
            state.playback.animation = 0;
            return;
        }
        const position = player.position();
        view.follow(position);
        view.setPlayhead(position);
        updateActiveKeys(position);
        state.playback.animation = requestAnimationFrame(animate);
    }

    function showPlaying(playing) {
        ui.play.textContent = playing ? "Stop" : "Play";
        ui.play.classList.toggle("playing", playing);
        ui.playhead.classList.toggle("active", playing);
    }

    function play() {
        if (!synth.ensure()) {
            status(messages.noAudio, "error");
            return;
        }
        if (roll.isEmpty) {
            status(messages.nothingToPlay);
            return;
        }
        const read = settings.read(app, ["tempo"]);
        if (read.error) {
            status(read.error, "error");
            return;
        }
        const { tempo } = read.values;
        state.settings.tempo = tempo;
        let from = view.playheadStep;
        if (from >= roll.length) from = 0; // at the end already: start again
        player.start(from, tempo);
        view.setPlayhead(Math.floor(from));
        showPlaying(true);
        status(`Playing from bar ${Math.floor(Math.floor(from) / (4 * roll.stepsPerQuarter)) + 1}.`);
        if (!state.playback.animation) state.playback.animation = requestAnimationFrame(animate);
    }

    function stop() {
        const position = player.position();
        player.stop();
        view.setPlayhead(position);
        showPlaying(false);
        updateActiveKeys(position, true);
        status("Stopped.");
    }

    function toggle() {
        if (player.playing) stop();
        else play();
    }

    /** The player reached the end of the roll. */
    function ended(step) {
        view.setPlayhead(step);
        showPlaying(false);
        updateActiveKeys(step, true);
        app.readouts.refreshInfo();
        status("Played to the end.", "ok");
    }

    function seek(step) {
        const target = Math.max(0, Math.round(step));
        if (player.playing) {
            player.start(target, state.settings.tempo);
        } else {
            player.anchor = { time: 0, step: target };
        }
        view.setPlayhead(target);
        updateActiveKeys(target, true);
        app.readouts.refreshInfo();
    }

    /** Back to the start, in time and in view. */
    function rewind() {
        seek(0);
        view.scroller.scrollLeft = 0;
    }

    ui.play.addEventListener("click", toggle);
    showPlaying(false);

    return { play, stop, toggle, ended, seek, rewind };
}
