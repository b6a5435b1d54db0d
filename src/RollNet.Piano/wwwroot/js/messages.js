// Every message that refuses something the user asked for, written once: the settings, the play, generate,
// harmonize, fill, import and export paths and the drawing all take their words from here.

/** The ranges the settings take; the checks in settings.js and the messages below both read them. */
export const RANGES = {
    tempo: { min: 20, max: 300 },
    temperature: { max: 100 },
    maxNotes: { max: 88 },
};

export const tempo = `The tempo must be ${RANGES.tempo.min} to ${RANGES.tempo.max} quarter notes a minute.`;

export const steps = (maxSteps) => `Steps must be a whole number from 1 to ${maxSteps}.`;

export const temperature = "The temperature must be a number above 0.";

export const seed = "The seed must be a whole number from 0.";

export const maxNotes = `Max notes must be a whole number from 0 (no limit) to ${RANGES.maxNotes.max}.`;

export const particles = (maxParticles) => `Particles must be a whole number from 1 to ${maxParticles}.`;

export const nothingToPlay = "Nothing to play yet: draw some notes first.";

export const nothingToExport = "Nothing to export yet: draw some notes first.";

export const nothingToHarmonize = "Nothing to harmonize yet: draw a melody first (the highest note of each step).";

export const nothingSelected = "Nothing selected to fill: drag along the ruler above the roll to select the steps the model rewrites.";

export const noAudio = "This browser cannot play audio (no Web Audio).";

export const notSaved = "The music could not be saved in this browser's storage.";

/** A generate request whose primer and continuation together would pass the server's frame limit. */
export const rollTooLong = (primer, steps, maxFrames) => primer < maxFrames
    ? `The roll would be ${primer + steps} steps long, more than the ${maxFrames} the server takes: ` +
      `ask for at most ${maxFrames - primer} steps or shorten the roll.`
    : `The roll is ${primer} steps long, which leaves no room under the server's limit of ${maxFrames}: shorten the roll.`;

/** A harmonize or fill request whose particles, each going through every step of the roll, are more than the server takes. */
export const tooMuchWork = (particles, steps, maxParticleSteps) => {
    const most = Math.floor(maxParticleSteps / steps);
    return `${particles} particles over ${steps} steps are more than the ${maxParticleSteps.toLocaleString("en-US")} ` +
        `particle-steps the server takes: ${most >= 1 ? `use at most ${most} particles or shorten` : "shorten"} the roll.`;
};

/** A piece longer than the server's frame limit, in the words the server's own import uses. */
export const pieceTooLong = (name, steps, stepsPerQuarter, maxFrames) =>
    `${name}: the piece is ${steps} steps long at ${stepsPerQuarter} per quarter note, more than the ${maxFrames} allowed`;

/** A note drawn at or past the last step the server takes. */
export const pastTheEnd = (maxFrames) => `The roll ends at step ${maxFrames}: the server takes at most ${maxFrames} steps.`;

/** A request body over the server's limit, in the server's words. */
export const bodyTooLarge = (maxBodyBytes) => `the request body is over the limit of ${maxBodyBytes.toLocaleString("en-US")} bytes`;
