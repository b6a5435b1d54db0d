// The most the server takes, as GET /api/model reports it, and the checks a request must pass before it is sent.

import * as messages from "./messages.js";
import { MAX_STEPS } from "./roll.js";

/** What the page assumes until the server has said: the roll's own memory guard and the server's default limits. */
export const DEFAULT_LIMITS = Object.freeze({
    maxFrames: MAX_STEPS, maxSteps: 1024, maxBodyBytes: Infinity, maxParticles: 256, maxParticleSteps: 16384,
});

/** The limits in a model description; any the server leaves out or gets wrong keep their default. */
export function fromModel(model) {
    const limit = (value, fallback) => (Number.isInteger(value) && value > 0 ? value : fallback);
    return Object.freeze({
        maxFrames: Math.min(limit(model?.maxFrames, DEFAULT_LIMITS.maxFrames), MAX_STEPS),
        maxSteps: limit(model?.maxSteps, DEFAULT_LIMITS.maxSteps),
        maxBodyBytes: limit(model?.maxBodyBytes, DEFAULT_LIMITS.maxBodyBytes),
        maxParticles: limit(model?.maxParticles, DEFAULT_LIMITS.maxParticles),
        maxParticleSteps: limit(model?.maxParticleSteps, DEFAULT_LIMITS.maxParticleSteps),
    });
}

/**
 * Why a generate request for `steps` after a primer of `primer` steps cannot be sent, or null. The server takes a
 * primer of up to maxFrames steps; the primer and its continuation must fit in the roll, which holds no more.
 */
export function generationProblem(primer, steps, limits) {
    return primer + steps > limits.maxFrames ? messages.rollTooLong(primer, steps, limits.maxFrames) : null;
}

/** Why an imported piece cannot be taken, or null. */
export function importProblem(name, steps, stepsPerQuarter, limits) {
    return steps > limits.maxFrames ? messages.pieceTooLong(name, steps, stepsPerQuarter, limits.maxFrames) : null;
}

/** Why a harmonize or fill request of `particles` over a roll of `steps` steps cannot be sent, or null. */
export function particleProblem(particles, steps, limits) {
    return particles * steps > limits.maxParticleSteps ? messages.tooMuchWork(particles, steps, limits.maxParticleSteps) : null;
}
