// Keyboard shortcuts: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo, Space plays or stops, Home goes back to the start,
// Esc cancels a harmonize or fill in flight, or else clears the selection.

export function install(app) {
    window.addEventListener("keydown", (e) => {
        const typing = e.target instanceof HTMLInputElement;
        const mod = e.ctrlKey || e.metaKey;
        const key = e.key.toLowerCase();
        if (mod && !e.altKey && (key === "z" || key === "y")) {
            if (typing) return; // the field's own undo
            e.preventDefault();
            if (key === "y" || e.shiftKey) app.editing.redo();
            else app.editing.undo();
        } else if (e.key === " " && !typing && !mod && !(e.target instanceof HTMLButtonElement)) {
            e.preventDefault();
            app.synth.ensure();
            app.playback.toggle();
        } else if (e.key === "Home" && !typing) {
            e.preventDefault();
            app.playback.rewind();
        } else if (e.key === "Escape" && !typing) {
            if (!app.conditional.cancel()) app.selection.clear();
        }
    });
}
