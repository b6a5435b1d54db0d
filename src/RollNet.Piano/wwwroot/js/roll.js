// The piano roll being edited: which cells (one step x one key) sound, which of them the model wrote,
// the grid's resolution, and undo/redo over whole edits.

export const LOWEST_PITCH = 21;
export const HIGHEST_PITCH = 108;
export const KEYS = HIGHEST_PITCH - LOWEST_PITCH + 1;

export const OFF = 0;
export const USER = 1;
export const MODEL = 2;

// A roll longer than this is refused rather than let a stray import or request eat the page's memory; the server's
// frame limit, once the page knows it, lowers each roll's own maxLength below it.
export const MAX_STEPS = 65536;

export function isPitch(pitch) {
    return Number.isInteger(pitch) && pitch >= LOWEST_PITCH && pitch <= HIGHEST_PITCH;
}

export class Roll {
    constructor(stepsPerQuarter = 1, maxLength = MAX_STEPS) {
        this.stepsPerQuarter = stepsPerQuarter;
        // Steps the roll may reach: no cell at or past it sounds.
        this.maxLength = Math.min(maxLength, MAX_STEPS);
        this.capacity = 0;
        this.cells = new Uint8Array(0);
        // Sounding keys per step, so the roll's length is found without scanning every cell.
        this.counts = new Uint16Array(0);
        this.cachedLength = 0;
        this.cellCount = 0;
        this.grow(256);
    }

    grow(steps) {
        if (steps <= this.capacity) return;
        if (steps > this.maxLength) throw new Error(`a roll of more than ${this.maxLength} steps is not supported`);
        let capacity = Math.max(256, this.capacity);
        while (capacity < steps) capacity *= 2;
        const cells = new Uint8Array(capacity * KEYS);
        cells.set(this.cells);
        const counts = new Uint16Array(capacity);
        counts.set(this.counts);
        this.cells = cells;
        this.counts = counts;
        this.capacity = capacity;
    }

    /** OFF, USER or MODEL. */
    get(step, pitch) {
        if (step < 0 || step >= this.capacity || !isPitch(pitch)) return OFF;
        return this.cells[step * KEYS + pitch - LOWEST_PITCH];
    }

    /** Sets one cell; says whether anything changed. A cell past maxLength stays off. */
    set(step, pitch, value) {
        if (step < 0 || !isPitch(pitch)) return false;
        if (value !== OFF && step >= this.maxLength) return false;
        if (step >= this.capacity) {
            if (value === OFF) return false;
            this.grow(step + 1);
        }
        const i = step * KEYS + pitch - LOWEST_PITCH;
        const old = this.cells[i];
        if (old === value) return false;
        this.cells[i] = value;
        if (old === OFF) {
            this.counts[step]++;
            this.cellCount++;
        } else if (value === OFF) {
            this.counts[step]--;
            this.cellCount--;
        }
        this.cachedLength = -1;
        return true;
    }

    /** One past the last step holding any note; 0 for an empty roll. */
    get length() {
        if (this.cachedLength < 0) {
            let n = this.capacity;
            while (n > 0 && this.counts[n - 1] === 0) n--;
            this.cachedLength = n;
        }
        return this.cachedLength;
    }

    get isEmpty() {
        return this.length === 0;
    }

    clear() {
        this.cells.fill(0);
        this.counts.fill(0);
        this.cachedLength = 0;
        this.cellCount = 0;
    }

    /** Calls `visit(step, key, value)` for every sounding cell, by step then key. */
    forEachSounding(visit) {
        const n = this.length;
        for (let step = 0; step < n; step++) {
            if (this.counts[step] === 0) continue;
            const base = step * KEYS;
            for (let k = 0; k < KEYS; k++) {
                const v = this.cells[base + k];
                if (v !== OFF) visit(step, k, v);
            }
        }
    }

    /** Every sounding cell, by step then pitch. */
    notes() {
        const out = [];
        this.forEachSounding((step, k, v) => out.push({ step, pitch: k + LOWEST_PITCH, generated: v === MODEL }));
        return out;
    }

    /** Steps from..to-1 as lists of pitches, the server's format. */
    frames(from = 0, to = this.length, only = null) {
        const out = [];
        for (let step = from; step < to; step++) {
            const pitches = [];
            if (step < this.capacity && this.counts[step] > 0) {
                const base = step * KEYS;
                for (let k = 0; k < KEYS; k++) {
                    const v = this.cells[base + k];
                    if (v !== OFF && (only === null || v === only)) pitches.push(k + LOWEST_PITCH);
                }
            }
            out.push(pitches);
        }
        return out;
    }

    /** Writes frames from the server into the roll starting at `start`; pitches off the piano are skipped. */
    place(start, frames, value) {
        if (!Array.isArray(frames)) throw new Error("the frames are not a list");
        this.grow(start + frames.length);
        frames.forEach((pitches, t) => {
            if (!Array.isArray(pitches)) throw new Error(`frame ${t} is not a list of pitches`);
            for (const pitch of pitches) if (isPitch(pitch)) this.set(start + t, pitch, value);
        });
    }

    /** How many steps a note of `pitch` starting at `step` is held: consecutive sounding cells, whoever wrote them. */
    heldFrom(step, pitch) {
        let end = step;
        const n = this.length;
        while (end < n && this.get(end, pitch) !== OFF) end++;
        return end - step;
    }

    // Snapshots are sparse (one number a sounding cell) so a long undo history stays small.
    snapshot() {
        const codes = [];
        this.forEachSounding((step, k, v) => codes.push((step * KEYS + k) * 2 + (v === MODEL ? 1 : 0)));
        return { stepsPerQuarter: this.stepsPerQuarter, codes: Uint32Array.from(codes) };
    }

    restore(snapshot) {
        this.clear();
        this.stepsPerQuarter = snapshot.stepsPerQuarter;
        for (const code of snapshot.codes) {
            const cell = Math.floor(code / 2);
            this.set(Math.floor(cell / KEYS), (cell % KEYS) + LOWEST_PITCH, code % 2 ? MODEL : USER);
        }
    }

    toJSON() {
        return {
            stepsPerQuarter: this.stepsPerQuarter,
            frames: this.frames(),
            generated: this.frames(0, this.length, MODEL),
        };
    }

    /** Rebuilds a roll saved by toJSON; throws on anything malformed. */
    static fromJSON(data) {
        const spq = data?.stepsPerQuarter;
        if (!Number.isInteger(spq) || spq < 1 || spq > 96) throw new Error("bad stepsPerQuarter");
        const roll = new Roll(spq);
        roll.place(0, data.frames ?? [], USER);
        const generated = data.generated ?? [];
        generated.forEach((pitches, t) => {
            for (const pitch of pitches) if (roll.get(t, pitch) !== OFF) roll.set(t, pitch, MODEL);
        });
        return roll;
    }
}

/** Undo and redo over whole edits: call `record()` with the snapshot taken before an edit that changed the roll. */
export class History {
    constructor(roll, limit = 300) {
        this.roll = roll;
        this.limit = limit;
        this.undoStack = [];
        this.redoStack = [];
    }

    record(before) {
        this.undoStack.push(before);
        if (this.undoStack.length > this.limit) this.undoStack.shift();
        this.redoStack.length = 0;
    }

    get canUndo() {
        return this.undoStack.length > 0;
    }

    get canRedo() {
        return this.redoStack.length > 0;
    }

    undo() {
        if (!this.canUndo) return false;
        this.redoStack.push(this.roll.snapshot());
        this.roll.restore(this.undoStack.pop());
        return true;
    }

    redo() {
        if (!this.canRedo) return false;
        this.undoStack.push(this.roll.snapshot());
        this.roll.restore(this.redoStack.pop());
        return true;
    }
}
