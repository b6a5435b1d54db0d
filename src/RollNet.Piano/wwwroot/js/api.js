// Calls to the NeuralPiano server. Every failure becomes an Error whose message is one line fit for the status bar.
// A body over the server's limit (`limits.maxBodyBytes`, from GET /api/model) is refused here, before it is sent.

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
    } catch {
        throw new Error("the NeuralPiano server cannot be reached");
    }
    if (!response.ok) throw await failure(response);
    return response;
}

function postJson(url, body, limits) {
    const text = JSON.stringify(body);
    checkSize(new TextEncoder().encode(text).length, limits);
    return call(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: text,
    });
}

/** The model's description: layers, hiddenSize, parameters, trainedOn, stepsPerQuarter, and the limits maxFrames, maxSteps, maxBodyBytes. */
export async function getModel() {
    return (await call("/api/model", { headers: { Accept: "application/json" } })).json();
}

/** The model's continuation of `frames`: exactly `steps` frames. */
export async function generate({ frames, steps, temperature, seed, maxNotes }, limits) {
    const body = await (await postJson("/api/generate", { frames, steps, temperature, seed, maxNotes }, limits)).json();
    if (!Array.isArray(body?.frames)) throw new Error("the server's answer holds no frames");
    return body.frames;
}

/** A MIDI file's bytes as a roll: `{stepsPerQuarter, frames, quantisation}`, the last saying what the grid lost (`lost`, `summary`, …). */
export async function importMidi(bytes, stepsPerQuarter, limits) {
    checkSize(bytes.byteLength, limits);
    const query = stepsPerQuarter ? `?stepsPerQuarter=${encodeURIComponent(stepsPerQuarter)}` : "";
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
