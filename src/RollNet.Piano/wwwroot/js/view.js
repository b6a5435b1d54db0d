// Draws the roll: the keyboard pinned on the left, the bar ruler pinned on top, and only the visible part of the grid.
// The canvas is the size of the viewport and sticks inside a scroller whose sizer has the whole grid's size, so native
// scrollbars work and the canvas never grows with the music.

import { HIGHEST_PITCH, LOWEST_PITCH, KEYS, OFF, MODEL } from "./roll.js";

export const KEYBOARD_WIDTH = 72;
export const RULER_HEIGHT = 28;
export const ROW_HEIGHT = 14;

export const COLOURS = {
    user: "#3b82f6",
    userEdge: "#1d4ed8",
    userLight: "#93c5fd",
    model: "#f59e0b",
    modelEdge: "#b45309",
    modelLight: "#fde68a",
};

const THEME = {
    background: "#0e1116",
    whiteRow: "#171b22",
    blackRow: "#12151b",
    stepLine: "#1d222b",
    beatLine: "#262c37",
    barLine: "#3a4252",
    octaveLine: "#2b3240",
    ruler: "#161a21",
    rulerEdge: "#2c3340",
    rulerText: "#8b95a7",
    rulerTick: "#3a4252",
    whiteKey: "#e9ebef",
    whiteKeyShade: "#c9ced8",
    keyGap: "#8b93a3",
    blackKey: "#1b1f27",
    blackKeyTop: "#323845",
    keyLabel: "#5b6475",
    keyboardEdge: "#0a0c10",
    selection: "rgba(167, 139, 250, 0.11)",
    selectionEdge: "rgba(196, 181, 253, 0.55)",
    selectionRuler: "rgba(139, 92, 246, 0.5)",
};

const BLACK = new Set([1, 3, 6, 8, 10]);
const NAMES = ["C", "C♯", "D", "D♯", "E", "F", "F♯", "G", "G♯", "A", "A♯", "B"];

export function isBlack(pitch) {
    return BLACK.has(pitch % 12);
}

/** "C4" for MIDI 60. */
export function noteName(pitch) {
    return NAMES[pitch % 12] + (Math.floor(pitch / 12) - 1);
}

/** Pixels per step: a quarter note stays a comfortable width whatever the resolution. */
export function stepWidth(stepsPerQuarter) {
    return Math.max(8, Math.round(28 / Math.sqrt(stepsPerQuarter)));
}

export class RollView {
    constructor({ scroller, sizer, stage, canvas, clip, playhead, hover, roll }) {
        Object.assign(this, { scroller, sizer, stage, canvas, clip, playhead, hover, roll });
        this.ctx = canvas.getContext("2d", { alpha: false });
        this.extent = 256;
        this.playheadStep = 0;
        this.activeKeys = new Map(); // pitch -> USER or MODEL while sounding
        this.pressedKey = null;
        this.selection = null; // {from, to}: the steps selected, drawn as a band
        this.frame = 0;
        this.width = 0;
        this.height = 0;
        this.dpr = 1;

        scroller.addEventListener("scroll", () => {
            this.placeOverlays();
            this.requestRender();
        }, { passive: true });
        new ResizeObserver(() => this.resize()).observe(scroller);
        this.resize();
    }

    get cellWidth() {
        return stepWidth(this.roll.stepsPerQuarter);
    }

    get gridWidth() {
        return Math.max(0, this.width - KEYBOARD_WIDTH);
    }

    get gridHeight() {
        return Math.max(0, this.height - RULER_HEIGHT);
    }

    /** Grows or shrinks the grid to hold the music and the steps that follow it, in whole bars, up to the roll's limit. */
    updateExtent(minimumSteps = 0) {
        const bar = 4 * this.roll.stepsPerQuarter;
        const wanted = Math.max(256, this.roll.length + 64, minimumSteps);
        this.extent = Math.min(Math.ceil(wanted / bar) * bar, Math.max(this.roll.maxLength, this.roll.length));
        this.sizer.style.width = `${KEYBOARD_WIDTH + this.extent * this.cellWidth}px`;
        this.sizer.style.height = `${RULER_HEIGHT + KEYS * ROW_HEIGHT}px`;
    }

    resize() {
        const w = this.scroller.clientWidth;
        const h = this.scroller.clientHeight;
        const dpr = window.devicePixelRatio || 1;
        if (w === this.width && h === this.height && dpr === this.dpr) return;
        this.width = w;
        this.height = h;
        this.dpr = dpr;
        this.stage.style.width = `${w}px`;
        this.stage.style.height = `${h}px`;
        this.canvas.width = Math.round(w * dpr);
        this.canvas.height = Math.round(h * dpr);
        this.canvas.style.width = `${w}px`;
        this.canvas.style.height = `${h}px`;
        this.updateExtent();
        this.placeOverlays();
        this.render();
    }

    /** Scrolls so that `pitch` sits in the middle of the view. */
    centreOnPitch(pitch) {
        const y = (HIGHEST_PITCH - pitch + 0.5) * ROW_HEIGHT;
        this.scroller.scrollTop = Math.max(0, y - this.gridHeight / 2);
    }

    requestRender() {
        if (this.frame) return;
        this.frame = requestAnimationFrame(() => {
            this.frame = 0;
            this.render();
        });
    }

    // ---- coordinates ----

    /** Where a client point falls: the area (keys, ruler, grid, corner), and the step and pitch under it. */
    hit(clientX, clientY) {
        const rect = this.scroller.getBoundingClientRect();
        const x = clientX - rect.left - this.scroller.clientLeft;
        const y = clientY - rect.top - this.scroller.clientTop;
        const step = Math.floor((x - KEYBOARD_WIDTH + this.scroller.scrollLeft) / this.cellWidth);
        const pitch = HIGHEST_PITCH - Math.floor((y - RULER_HEIGHT + this.scroller.scrollTop) / ROW_HEIGHT);
        const exactStep = (x - KEYBOARD_WIDTH + this.scroller.scrollLeft) / this.cellWidth;
        let area = "grid";
        if (x < KEYBOARD_WIDTH && y < RULER_HEIGHT) area = "corner";
        else if (x < KEYBOARD_WIDTH) area = "keys";
        else if (y < RULER_HEIGHT) area = "ruler";
        const inside = pitch >= LOWEST_PITCH && pitch <= HIGHEST_PITCH && step >= 0 && step < this.extent;
        return { area, step, pitch, exactStep, inside };
    }

    /** Top-left of a cell in stage (canvas CSS pixel) coordinates. */
    cellOrigin(step, pitch) {
        return {
            x: KEYBOARD_WIDTH + step * this.cellWidth - this.scroller.scrollLeft,
            y: RULER_HEIGHT + (HIGHEST_PITCH - pitch) * ROW_HEIGHT - this.scroller.scrollTop,
        };
    }

    /** Scrolls the least needed to show the whole cell (or with no pitch, the step) in the grid area, and draws. */
    ensureVisible(step, pitch = null) {
        const cw = this.cellWidth;
        if (step >= this.extent) this.updateExtent(step + 1);
        const left = step * cw;
        const top = (HIGHEST_PITCH - pitch) * ROW_HEIGHT;
        const s = this.scroller;
        if (left < s.scrollLeft || left + cw > s.scrollLeft + this.gridWidth) {
            s.scrollLeft = Math.max(0, left - this.gridWidth / 3);
        }
        if (pitch !== null && (top < s.scrollTop || top + ROW_HEIGHT > s.scrollTop + this.gridHeight)) {
            s.scrollTop = Math.max(0, top - this.gridHeight / 2);
        }
        this.placeOverlays();
        this.render();
    }

    /** Client (viewport) coordinates of a cell's centre, scrolled into view first. */
    cellCenter(step, pitch) {
        this.ensureVisible(step, pitch);
        const rect = this.scroller.getBoundingClientRect();
        const o = this.cellOrigin(step, pitch);
        return {
            x: rect.left + this.scroller.clientLeft + o.x + this.cellWidth / 2,
            y: rect.top + this.scroller.clientTop + o.y + ROW_HEIGHT / 2,
        };
    }

    /** Client (viewport) coordinates of the middle of the ruler above a step, scrolled into view first. */
    rulerCenter(step) {
        this.ensureVisible(step);
        const rect = this.scroller.getBoundingClientRect();
        return {
            x: rect.left + this.scroller.clientLeft + this.cellOrigin(step, HIGHEST_PITCH).x + this.cellWidth / 2,
            y: rect.top + this.scroller.clientTop + RULER_HEIGHT / 2,
        };
    }

    /** The colour drawn at a cell's centre, read back from the canvas, as #rrggbb. */
    colorAt(step, pitch) {
        this.ensureVisible(step, pitch);
        const o = this.cellOrigin(step, pitch);
        const px = Math.floor((o.x + this.cellWidth / 2) * this.dpr);
        const py = Math.floor((o.y + ROW_HEIGHT / 2) * this.dpr);
        // Copied to a one-pixel canvas and read there, so the roll's own canvas stays fast to draw on.
        this.probe ??= new OffscreenCanvas(1, 1).getContext("2d", { willReadFrequently: true });
        this.probe.clearRect(0, 0, 1, 1);
        this.probe.drawImage(this.canvas, px, py, 1, 1, 0, 0, 1, 1);
        const [r, g, b] = this.probe.getImageData(0, 0, 1, 1).data;
        return "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("");
    }

    // ---- overlays (cheap DOM elements, so the playhead moves without redrawing the canvas) ----

    setPlayhead(step) {
        this.playheadStep = step;
        this.placeOverlays();
    }

    /** While playing: turns the page when the playhead nears the right edge or is out of view. */
    follow(step) {
        const x = step * this.cellWidth;
        const s = this.scroller;
        const w = this.gridWidth;
        if (x > s.scrollLeft + w * 0.9 || x < s.scrollLeft) {
            s.scrollLeft = Math.max(0, x - w * 0.1);
        }
    }

    placeOverlays() {
        const x = this.playheadStep * this.cellWidth - this.scroller.scrollLeft;
        this.playhead.style.transform = `translateX(${x}px)`;
        this.clip.style.left = `${KEYBOARD_WIDTH}px`;
    }

    showHover(step, pitch) {
        if (step === null) {
            this.hover.hidden = true;
            return;
        }
        const o = this.cellOrigin(step, pitch);
        this.hover.hidden = false;
        this.hover.style.width = `${this.cellWidth}px`;
        this.hover.style.height = `${ROW_HEIGHT}px`;
        this.hover.style.transform = `translate(${o.x}px, ${o.y}px)`;
    }

    // ---- drawing ----

    render() {
        if (this.frame) {
            cancelAnimationFrame(this.frame);
            this.frame = 0;
        }
        const { ctx, width: w, height: h } = this;
        if (w === 0 || h === 0) return;
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        ctx.fillStyle = THEME.background;
        ctx.fillRect(0, 0, w, h);

        const cw = this.cellWidth;
        const sx = this.scroller.scrollLeft;
        const sy = this.scroller.scrollTop;
        const firstStep = Math.max(0, Math.floor(sx / cw));
        const lastStep = Math.min(this.extent, Math.ceil((sx + this.gridWidth) / cw));
        const topPitch = Math.min(HIGHEST_PITCH, HIGHEST_PITCH - Math.floor(sy / ROW_HEIGHT));
        const bottomPitch = Math.max(LOWEST_PITCH, HIGHEST_PITCH - Math.ceil((sy + this.gridHeight) / ROW_HEIGHT));
        const view = { cw, sx, sy, firstStep, lastStep, topPitch, bottomPitch };

        ctx.save();
        ctx.beginPath();
        ctx.rect(KEYBOARD_WIDTH, RULER_HEIGHT, w - KEYBOARD_WIDTH, h - RULER_HEIGHT);
        ctx.clip();
        this.drawRows(view);
        this.drawColumns(view);
        if (this.selection) this.drawSelection(view);
        this.drawNotes(view);
        if (this.roll.isEmpty) this.drawHint();
        ctx.restore();

        this.drawRuler(view);
        this.drawKeyboard(view);

        // The corner above the keyboard.
        ctx.fillStyle = THEME.ruler;
        ctx.fillRect(0, 0, KEYBOARD_WIDTH, RULER_HEIGHT);
        ctx.fillStyle = THEME.rulerEdge;
        ctx.fillRect(0, RULER_HEIGHT - 1, KEYBOARD_WIDTH, 1);
        ctx.fillRect(KEYBOARD_WIDTH - 1, 0, 1, RULER_HEIGHT);
    }

    rowY(pitch, sy) {
        return RULER_HEIGHT + (HIGHEST_PITCH - pitch) * ROW_HEIGHT - sy;
    }

    stepX(step, sx) {
        return KEYBOARD_WIDTH + step * this.cellWidth - sx;
    }

    drawRows({ sy, topPitch, bottomPitch }) {
        const { ctx } = this;
        const right = this.stepX(this.extent, this.scroller.scrollLeft);
        for (let p = topPitch; p >= bottomPitch; p--) {
            const y = this.rowY(p, sy);
            ctx.fillStyle = isBlack(p) ? THEME.blackRow : THEME.whiteRow;
            ctx.fillRect(KEYBOARD_WIDTH, y, right - KEYBOARD_WIDTH, ROW_HEIGHT);
            // A line under every C marks the octaves; under every F a fainter one, as on the keyboard.
            const pc = p % 12;
            if (pc === 0 || pc === 5) {
                ctx.fillStyle = pc === 0 ? THEME.octaveLine : THEME.stepLine;
                ctx.fillRect(KEYBOARD_WIDTH, y + ROW_HEIGHT - 1, right - KEYBOARD_WIDTH, 1);
            }
        }
    }

    drawColumns({ cw, sx, firstStep, lastStep }) {
        const { ctx } = this;
        const spq = this.roll.stepsPerQuarter;
        const bar = 4 * spq;
        const top = RULER_HEIGHT;
        const height = this.height - RULER_HEIGHT;
        for (let step = firstStep; step <= lastStep; step++) {
            const x = Math.round(this.stepX(step, sx));
            let colour;
            if (step % bar === 0) colour = THEME.barLine;
            else if (step % spq === 0) colour = THEME.beatLine;
            else if (cw >= 10) colour = THEME.stepLine;
            else continue;
            ctx.fillStyle = colour;
            ctx.fillRect(x, top, 1, height);
        }
    }

    // Under the notes, so they read the same inside the band as outside it.
    drawSelection({ sx }) {
        const { ctx } = this;
        const x0 = Math.round(this.stepX(this.selection.from, sx));
        const x1 = Math.round(this.stepX(this.selection.to, sx));
        const height = this.height - RULER_HEIGHT;
        ctx.fillStyle = THEME.selection;
        ctx.fillRect(x0, RULER_HEIGHT, x1 - x0, height);
        ctx.fillStyle = THEME.selectionEdge;
        ctx.fillRect(x0, RULER_HEIGHT, 1, height);
        ctx.fillRect(x1 - 1, RULER_HEIGHT, 1, height);
    }

    drawNotes({ cw, sx, sy, firstStep, lastStep, topPitch, bottomPitch }) {
        const { ctx, roll } = this;
        const from = Math.max(0, firstStep - 1);
        const to = Math.min(lastStep + 1, roll.length);
        if (to <= from) return;
        for (let p = topPitch; p >= bottomPitch; p--) {
            const y = this.rowY(p, sy) + 1;
            const h = ROW_HEIGHT - 2;
            let step = from;
            while (step < to) {
                const v = roll.get(step, p);
                if (v === OFF) {
                    step++;
                    continue;
                }
                let end = step + 1;
                while (end < to && roll.get(end, p) === v) end++;
                // A note continuing from before or after this run (in either colour) is drawn without a gap.
                const opensNote = roll.get(step - 1, p) === OFF;
                const closesNote = roll.get(end, p) === OFF;
                const x0 = this.stepX(step, sx) + (opensNote ? 1 : 0);
                const x1 = this.stepX(end, sx) - (closesNote ? 1 : 0);
                this.drawNote(x0, y, x1 - x0, h, v === MODEL, opensNote, closesNote);
                step = end;
            }
        }
    }

    drawNote(x, y, w, h, generated, opens, closes) {
        const { ctx } = this;
        const fill = generated ? COLOURS.model : COLOURS.user;
        const edge = generated ? COLOURS.modelEdge : COLOURS.userEdge;
        const light = generated ? COLOURS.modelLight : COLOURS.userLight;
        const r = Math.min(3, h / 2, w / 2);
        const radii = [opens ? r : 0, closes ? r : 0, closes ? r : 0, opens ? r : 0];
        ctx.beginPath();
        ctx.roundRect(x, y, w, h, radii);
        ctx.fillStyle = edge;
        ctx.fill();
        ctx.beginPath();
        ctx.roundRect(x + (opens ? 1 : 0), y + 1, w - (opens ? 1 : 0) - (closes ? 1 : 0), h - 2,
            radii.map((v) => Math.max(0, v - 1)));
        ctx.fillStyle = fill;
        ctx.fill();
        // A lighter stroke at the onset, so repeated notes and long ones read apart.
        if (opens && w > 6) {
            ctx.fillStyle = light;
            ctx.fillRect(x + 1, y + 2, 2, h - 4);
        }
    }

    // What to do on an empty roll, faint in the middle of the grid.
    drawHint() {
        const { ctx } = this;
        const x = KEYBOARD_WIDTH + this.gridWidth / 2;
        const y = RULER_HEIGHT + this.gridHeight / 2;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillStyle = "rgba(14, 17, 22, 0.75)";
        ctx.beginPath();
        ctx.roundRect(x - 270, y - 38, 540, 76, 12);
        ctx.fill();
        ctx.font = "600 15px system-ui, -apple-system, 'Segoe UI', sans-serif";
        ctx.fillStyle = "#9aa4b5";
        ctx.fillText("Click or drag to draw notes", x, y - 12);
        ctx.font = "13px system-ui, -apple-system, 'Segoe UI', sans-serif";
        ctx.fillStyle = "#6b7486";
        ctx.fillText("Click a note or right-click to erase · Generate lets the model continue", x, y + 13);
        ctx.textAlign = "left";
    }

    drawRuler({ cw, sx, firstStep, lastStep }) {
        const { ctx } = this;
        const spq = this.roll.stepsPerQuarter;
        const bar = 4 * spq;
        ctx.fillStyle = THEME.ruler;
        ctx.fillRect(KEYBOARD_WIDTH, 0, this.width - KEYBOARD_WIDTH, RULER_HEIGHT);
        ctx.fillStyle = THEME.rulerEdge;
        ctx.fillRect(KEYBOARD_WIDTH, RULER_HEIGHT - 1, this.width - KEYBOARD_WIDTH, 1);

        ctx.save();
        ctx.beginPath();
        ctx.rect(KEYBOARD_WIDTH, 0, this.width - KEYBOARD_WIDTH, RULER_HEIGHT);
        ctx.clip();
        if (this.selection) {
            const x0 = Math.round(this.stepX(this.selection.from, sx));
            ctx.fillStyle = THEME.selectionRuler;
            ctx.fillRect(x0, 0, Math.round(this.stepX(this.selection.to, sx)) - x0, RULER_HEIGHT - 1);
        }
        // Label every bar when there is room, else every 2nd, 4th, ...
        const barWidth = bar * cw;
        let every = 1;
        while (barWidth * every < 28) every *= 2;
        ctx.font = "600 11px system-ui, -apple-system, 'Segoe UI', sans-serif";
        ctx.textBaseline = "middle";
        const start = Math.floor(firstStep / spq) * spq;
        for (let step = start; step <= lastStep; step += spq) {
            const x = Math.round(this.stepX(step, sx));
            const barIndex = step / bar;
            if (step % bar === 0) {
                ctx.fillStyle = THEME.rulerTick;
                ctx.fillRect(x, 10, 1, RULER_HEIGHT - 10);
                if (barIndex % every === 0) {
                    ctx.fillStyle = THEME.rulerText;
                    ctx.fillText(String(barIndex + 1), x + 5, 11);
                }
            } else if (cw * spq >= 6) {
                ctx.fillStyle = THEME.rulerTick;
                ctx.fillRect(x, RULER_HEIGHT - 7, 1, 6);
            }
        }
        // Where the music ends.
        const end = this.roll.length;
        if (end > 0) {
            const x = Math.round(this.stepX(end, sx));
            ctx.fillStyle = "#4b5563";
            ctx.beginPath();
            ctx.moveTo(x, RULER_HEIGHT - 1);
            ctx.lineTo(x - 5, RULER_HEIGHT - 7);
            ctx.lineTo(x, RULER_HEIGHT - 7);
            ctx.fill();
        }
        ctx.restore();
    }

    drawKeyboard({ sy, topPitch, bottomPitch }) {
        const { ctx } = this;
        const W = KEYBOARD_WIDTH - 1;
        const blackWidth = Math.round(W * 0.6);
        ctx.save();
        ctx.beginPath();
        ctx.rect(0, RULER_HEIGHT, KEYBOARD_WIDTH, this.height - RULER_HEIGHT);
        ctx.clip();
        ctx.fillStyle = THEME.background;
        ctx.fillRect(0, RULER_HEIGHT, KEYBOARD_WIDTH, this.height - RULER_HEIGHT);

        // White keys first, each spanning its row and half of each black neighbour's, as on a real keyboard.
        const from = Math.min(HIGHEST_PITCH, topPitch + 1);
        const to = Math.max(LOWEST_PITCH, bottomPitch - 1);
        for (let p = from; p >= to; p--) {
            if (isBlack(p)) continue;
            let top = this.rowY(p, sy);
            let bottom = top + ROW_HEIGHT;
            if (p + 1 <= HIGHEST_PITCH && isBlack(p + 1)) top -= ROW_HEIGHT / 2;
            if (p - 1 >= LOWEST_PITCH && isBlack(p - 1)) bottom += ROW_HEIGHT / 2;
            const active = this.keyColour(p);
            const gradient = ctx.createLinearGradient(0, 0, W, 0);
            gradient.addColorStop(0, active ? active.light : THEME.whiteKeyShade);
            gradient.addColorStop(0.25, active ? active.fill : THEME.whiteKey);
            gradient.addColorStop(1, active ? active.fill : THEME.whiteKey);
            ctx.fillStyle = gradient;
            ctx.fillRect(0, top, W, bottom - top);
            ctx.fillStyle = THEME.keyGap;
            ctx.fillRect(0, Math.round(bottom) - 1, W, 1);
            if (p % 12 === 0) {
                ctx.fillStyle = active ? "#ffffff" : THEME.keyLabel;
                ctx.font = `${p === 60 ? 700 : 600} 10px system-ui, -apple-system, 'Segoe UI', sans-serif`;
                ctx.textBaseline = "middle";
                ctx.textAlign = "right";
                ctx.fillText(noteName(p), W - 5, this.rowY(p, sy) + ROW_HEIGHT / 2 + 0.5);
                ctx.textAlign = "left";
            }
        }
        for (let p = from; p >= to; p--) {
            if (!isBlack(p)) continue;
            const y = this.rowY(p, sy);
            const active = this.keyColour(p);
            // A shadow on the white keys below, the key's body, and a lit top face ending short of its tip.
            ctx.fillStyle = "rgba(0, 0, 0, 0.18)";
            ctx.fillRect(0, y + 2, blackWidth + 2, ROW_HEIGHT - 1);
            ctx.fillStyle = active ? active.edge : THEME.blackKey;
            ctx.beginPath();
            ctx.roundRect(0, y + 1, blackWidth, ROW_HEIGHT - 2, [0, 2, 2, 0]);
            ctx.fill();
            const face = ctx.createLinearGradient(0, 0, blackWidth, 0);
            face.addColorStop(0, active ? active.fill : "#2a303b");
            face.addColorStop(1, active ? active.light : THEME.blackKeyTop);
            ctx.fillStyle = face;
            ctx.fillRect(0, y + 2, blackWidth - 4, ROW_HEIGHT - 5);
        }
        ctx.fillStyle = THEME.keyboardEdge;
        ctx.fillRect(W, RULER_HEIGHT, 1, this.height - RULER_HEIGHT);
        ctx.restore();
    }

    keyColour(pitch) {
        if (this.pressedKey === pitch) return { fill: COLOURS.user, edge: COLOURS.userEdge, light: COLOURS.userLight };
        const v = this.activeKeys.get(pitch);
        if (v === undefined) return null;
        return v === MODEL
            ? { fill: COLOURS.model, edge: COLOURS.modelEdge, light: COLOURS.modelLight }
            : { fill: COLOURS.user, edge: COLOURS.userEdge, light: COLOURS.userLight };
    }
}
