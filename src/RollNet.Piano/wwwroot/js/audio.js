// A small piano in Web Audio, and a player that schedules the roll a little ahead of time.
// The voice follows the project's PianoSynthesizer: a few decaying partials of a stiff string, a fast attack,
// longer rings for lower keys and a short release, mixed through a gentle compressor so chords never clip.

import { KEYS, LOWEST_PITCH, OFF } from "./roll.js";

// Strength of the fundamental and its harmonics: a struck string is strongest at the bottom.
const PARTIAL_LEVELS = [1, 0.5, 0.28, 0.16, 0.09, 0.05];
// A piano string is stiff, so its partials lie slightly above whole multiples of the fundamental.
const INHARMONICITY = 0.0002;
const ATTACK = 0.004;
const RELEASE_TIME_CONSTANT = 0.06;
const RELEASE_TAIL = 0.35; // after this the released note is inaudible and its nodes can go
const NOTE_GAIN = 0.26;

export class PianoSynth {
    constructor() {
        this.ctx = null;
        this.started = 0;
        this.voices = new Set();
    }

    /** Creates the AudioContext (browsers allow that only after a user gesture) and wakes it if suspended. */
    ensure() {
        if (!this.ctx) {
            const Context = window.AudioContext || window.webkitAudioContext;
            if (!Context) return null;
            this.attach(new Context({ latencyHint: "interactive" }));
        }
        if (this.ctx.state === "suspended" && typeof this.ctx.resume === "function" && !(this.ctx instanceof OfflineAudioContext)) {
            this.ctx.resume().catch(() => {});
        }
        return this.ctx;
    }

    /** Builds the output chain on `ctx`; an OfflineAudioContext works too, to render the piano to a buffer. */
    attach(ctx) {
        this.ctx = ctx;
        const compressor = ctx.createDynamicsCompressor();
        compressor.threshold.value = -16;
        compressor.knee.value = 12;
        compressor.ratio.value = 4;
        compressor.attack.value = 0.004;
        compressor.release.value = 0.2;
        this.master = ctx.createGain();
        this.master.gain.value = 0.8;
        this.master.connect(compressor).connect(ctx.destination);
        this.noise = this.makeNoise();
    }

    get state() {
        return this.ctx ? this.ctx.state : "none";
    }

    get now() {
        return this.ctx ? this.ctx.currentTime : 0;
    }

    // A few milliseconds of noise, shared by every note, for the hammer's knock.
    makeNoise() {
        const length = Math.round(this.ctx.sampleRate * 0.03);
        const buffer = this.ctx.createBuffer(1, length, this.ctx.sampleRate);
        const data = buffer.getChannelData(0);
        for (let i = 0; i < length; i++) data[i] = (Math.random() * 2 - 1) * (1 - i / length) ** 2;
        return buffer;
    }

    /**
     * Starts a note of `pitch` at context time `when`, held for `duration` seconds (Infinity: until released).
     * Returns the voice, for `release`.
     */
    note(pitch, when, duration = Infinity) {
        const ctx = this.ensure();
        if (!ctx) return null;
        when = Math.max(when, ctx.currentTime);
        const frequency = 440 * 2 ** ((pitch - 69) / 12);
        // Low strings ring for seconds, high ones for a fraction of one; each harmonic dies faster than the one below.
        const decay = Math.min(6, Math.max(0.3, 2.5 * (261.63 / frequency) ** 0.7));
        const limit = ctx.sampleRate * 0.45;

        const out = ctx.createGain();
        out.connect(this.master);
        const oscillators = [];
        let levels = 0;
        PARTIAL_LEVELS.forEach((level, i) => {
            const n = i + 1;
            const f = n * frequency * Math.sqrt(1 + INHARMONICITY * n * n);
            if (f >= limit) return;
            levels += level;
            const osc = ctx.createOscillator();
            osc.frequency.value = f;
            const g = ctx.createGain();
            g.gain.setValueAtTime(0, when);
            g.gain.linearRampToValueAtTime(level, when + ATTACK);
            g.gain.setTargetAtTime(0, when + ATTACK, decay / (1 + 0.9 * i));
            osc.connect(g).connect(out);
            osc.start(when);
            oscillators.push(osc);
        });
        out.gain.value = NOTE_GAIN / levels;

        // The hammer: a short knock of band-passed noise around the note, quieter for high notes.
        const knock = ctx.createBufferSource();
        knock.buffer = this.noise;
        const band = ctx.createBiquadFilter();
        band.type = "bandpass";
        band.frequency.value = Math.min(limit, frequency * 3);
        band.Q.value = 1.5;
        const knockGain = ctx.createGain();
        knockGain.gain.value = 0.12 * Math.min(1, 300 / frequency);
        knock.connect(band).connect(knockGain).connect(out);
        knock.start(when);

        // Let the note go no later than when its fundamental has died away, whatever the duration.
        const silent = when + ATTACK + 5 * decay;
        const voice = { out, oscillators, when, stop: silent, released: false };
        oscillators[0].onended = () => {
            out.disconnect();
            this.voices.delete(voice);
        };
        this.voices.add(voice);
        this.started++;
        if (Number.isFinite(duration)) this.release(voice, when + duration);
        else oscillators.forEach((o) => o.stop(silent));
        return voice;
    }

    /** Lets a note go at context time `at`, with a short release so nothing clicks. */
    release(voice, at, timeConstant = RELEASE_TIME_CONSTANT) {
        if (!voice || voice.released) return;
        voice.released = true;
        at = Math.max(at, this.ctx.currentTime);
        const gain = voice.out.gain;
        if (gain.cancelAndHoldAtTime) gain.cancelAndHoldAtTime(at);
        else gain.setValueAtTime(gain.value, at);
        gain.setTargetAtTime(0, at, timeConstant);
        const end = Math.min(voice.stop, at + timeConstant * (RELEASE_TAIL / RELEASE_TIME_CONSTANT));
        for (const osc of voice.oscillators) {
            try {
                osc.stop(Math.max(end, voice.when));
            } catch {
                // Already stopped.
            }
        }
    }

    /** Silences every note, sounding or scheduled, within a few milliseconds. */
    silence() {
        if (!this.ctx) return;
        const now = this.ctx.currentTime;
        for (const voice of this.voices) {
            voice.released = false;
            this.release(voice, now, 0.02);
        }
    }

    /** A short note at once, for drawing and for the keyboard. */
    preview(pitch, seconds = 0.35) {
        const ctx = this.ensure();
        return ctx ? this.note(pitch, ctx.currentTime + 0.005, seconds) : null;
    }
}

const LOOKAHEAD = 0.3; // seconds of music scheduled ahead of the clock
const INTERVAL = 60; // milliseconds between scheduling passes

/** Plays a roll from a step to its end; consecutive sounding cells of a key are one held note. */
export class Player {
    constructor(synth, roll, onEnd) {
        this.synth = synth;
        this.roll = roll;
        this.onEnd = onEnd;
        this.playing = false;
        this.timer = 0;
    }

    get stepsPerSecond() {
        return (this.tempo * this.roll.stepsPerQuarter) / 60;
    }

    start(fromStep, tempo) {
        const ctx = this.synth.ensure();
        if (!ctx) throw new Error("this browser has no Web Audio");
        this.stop();
        this.tempo = tempo;
        this.playing = true;
        const first = Math.max(0, Math.floor(fromStep));
        this.anchor = { time: ctx.currentTime + 0.06, step: first };
        this.nextStep = first;
        this.firstStep = first;
        this.schedule();
        this.timer = setInterval(() => this.schedule(), INTERVAL);
    }

    /** Stops at once; `cut` silences what is still ringing. */
    stop(cut = true) {
        if (this.timer) clearInterval(this.timer);
        this.timer = 0;
        if (this.playing && cut) this.synth.silence();
        this.playing = false;
    }

    setTempo(tempo) {
        if (!this.playing) {
            this.tempo = tempo;
            return;
        }
        // Re-anchor at the current position so the playhead does not jump.
        const step = this.position();
        this.anchor = { time: this.synth.now, step };
        this.tempo = tempo;
    }

    timeOf(step) {
        return this.anchor.time + (step - this.anchor.step) / this.stepsPerSecond;
    }

    /** The playhead in (fractional) steps. */
    position() {
        if (!this.playing) return this.anchor ? this.anchor.step : 0;
        const t = this.synth.now - this.anchor.time;
        return Math.max(this.firstStep, this.anchor.step + t * this.stepsPerSecond);
    }

    schedule() {
        if (!this.playing) return;
        const roll = this.roll;
        const end = roll.length;
        if (this.position() >= end) {
            const step = end;
            this.stop(false);
            this.anchor = { time: 0, step };
            this.onEnd?.(step);
            return;
        }
        const horizon = this.synth.now + LOOKAHEAD;
        while (this.nextStep < end && this.timeOf(this.nextStep) < horizon) {
            const step = this.nextStep;
            const when = this.timeOf(step);
            for (let k = 0; k < KEYS; k++) {
                const pitch = k + LOWEST_PITCH;
                if (roll.get(step, pitch) === OFF) continue;
                // A note starts where its key was silent the step before, or where playback starts.
                if (step > this.firstStep && roll.get(step - 1, pitch) !== OFF) continue;
                const held = roll.heldFrom(step, pitch);
                this.synth.note(pitch, when, held / this.stepsPerSecond);
            }
            this.nextStep++;
        }
    }
}
