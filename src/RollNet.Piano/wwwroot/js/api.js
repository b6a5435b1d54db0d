// Calls to the NeuralPiano server. Every failure becomes an Error whose message is one line fit for the status bar,
// except a request cancelled through its AbortSignal, which rejects with the browser's AbortError. A body over the
// server's limit (`limits.maxBodyBytes`, from GET /api/model) is refused here, before it is sent.

import * as messages from "./messages.js";

async function failure(response) {
    let message = `${response.status} ${response.statusText}`.trim();
    try {
        const body = await response.json();
        if (body && typeof body.error === "string" && body.error) message = body.error;
    } catch {
        // Not JSON: keep the HTTP status.
    }
    return new Error(message);
}

function checkSize(bytes, limits) {
    if (limits && bytes > limits.maxBodyBytes) throw new Error(messages.bodyTooLarge(limits.maxBodyBytes));
}

async function call(url, options) {
    let response;
    try {
        response = await fetch(url, options);
    } catch (err) {
        if (err?.name === "AbortError") throw err;
        throw new Error("the NeuralPiano server cannot be reached");
    }
    if (!response.ok) throw await failure(response);
    return response;
}

function postJson(url, body, limits, signal) {
    const text = JSON.stringify(body);
    checkSize(new TextEncoder().encode(text).length, limits);
    return call(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: text,
        signal,
    });
}

// Harmonize and fill answer the whole piece, as long as the roll sent.
async function draw(url, body, limits, signal) {
    const answer = await (await postJson(url, body, limits, signal)).json();
    if (!Array.isArray(answer?.frames)) throw new Error("the server's answer holds no frames");
    if (answer.frames.length !== body.frames.length) throw new Error("the server's answer is not as long as the roll it was sent");
    return { frames: answer.frames, nllPerStep: Number.isFinite(answer.nllPerStep) ? answer.nllPerStep : null };
}

/**
 * The description of the model `id`, or of the one the page opens with when `id` is absent: id, name, layers,
 * hiddenSize, parameters, trainedOn, stepsPerQuarter, the limits maxFrames, maxSteps, maxBodyBytes, maxParticles and
 * maxParticleSteps, and `models`, every model the server offers ({id, name, trainedOn, stepsPerQuarter}).
 */
export async function getModel(id) {
    const query = id ? `?id=${encodeURIComponent(id)}` : "";
    return (await call(`/api/model${query}`, { headers: { Accept: "application/json" } })).json();
}

/** The continuation of `frames` by the model `model` (an id): exactly `steps` frames. */
export async function generate({ frames, steps, temperature, seed, maxNotes, model, avoidParallels }, limits) {
    const body = await (await postJson("/api/generate", { frames, steps, temperature, seed, maxNotes, model, avoidParallels }, limits)).json();
    if (!Array.isArray(body?.frames)) throw new Error("the server's answer holds no frames");
    return body.frames;
}

/**
 * The roll `frames` with its melody (the highest note of each step) kept and the voices beneath written by the model:
 * `{frames, nllPerStep}`, the whole piece. `rests` is "free" or "hold"; `signal` cancels the request.
 */
export function harmonize({ frames, particles, temperature, seed, rests, model, avoidParallels }, limits, signal) {
    return draw("/api/harmonize", { frames, particles, temperature, seed, rests, model, avoidParallels }, limits, signal);
}

/** The roll `frames` with steps `from`..`to`-1 rewritten by the model: `{frames, nllPerStep}`, the whole piece. */
export function fill({ frames, from, to, particles, temperature, seed, model, avoidParallels }, limits, signal) {
    return draw("/api/fill", { frames, from, to, particles, temperature, seed, model, avoidParallels }, limits, signal);
}

/**
 * A MIDI file's bytes as a roll: `{stepsPerQuarter, frames, quantisation, model}`. Read on `stepsPerQuarter` when
 * given, else on the grid of the server's model that loses fewest notes (`model`, an id, when it loses no more than
 * another); the answer's `model` is the model whose grid it was, and `quantisation` says what the grid lost (`lost`,
 * `summary`, …).
 */
export async function importMidi(bytes, { stepsPerQuarter, model }, limits) {
    checkSize(bytes.byteLength, limits);
    const params = new URLSearchParams();
    if (stepsPerQuarter) params.set("stepsPerQuarter", String(stepsPerQuarter));
    if (model) params.set("model", model);
    const query = params.size ? `?${params}` : "";
    const body = await (await call(`/api/midi/import${query}`, {
        method: "POST",
        headers: { "Content-Type": "audio/midi" },
        body: bytes,
    })).json();
    if (!Array.isArray(body?.frames)) throw new Error("the server's answer holds no frames");
    return body;
}

/** The roll as a MIDI file (a Blob). */
export async function exportMidi({ frames, tempo, stepsPerQuarter }, limits) {
    return (await postJson("/api/midi/export", { frames, tempo, stepsPerQuarter }, limits)).blob();
}
