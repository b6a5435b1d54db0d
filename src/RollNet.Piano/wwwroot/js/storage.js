// Keeps the roll and the settings in localStorage so a reload finds the music where it was left.

const KEY = "neuralpiano.v1";

/** The saved state, or null when there is none or it cannot be read. */
export function load() {
    try {
        const text = localStorage.getItem(KEY);
        if (!text) return null;
        const data = JSON.parse(text);
        return data && typeof data === "object" ? data : null;
    } catch {
        return null;
    }
}

/** Saves `{roll, tempo, steps, temperature, seed, maxNotes, particles}`; says whether it worked (storage can be full or off). */
export function save({ roll, tempo, steps, temperature, seed, maxNotes, particles }) {
    try {
        localStorage.setItem(KEY, JSON.stringify({ version: 1, ...roll.toJSON(), tempo, steps, temperature, seed, maxNotes, particles }));
        return true;
    } catch {
        return false;
    }
}
