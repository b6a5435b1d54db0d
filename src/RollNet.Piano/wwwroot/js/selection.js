// The span of steps Fill selection rewrites: chosen by dragging along the ruler above the roll, shown as a band over
// the grid, cleared by a click on the ruler or Esc.

export function install(app) {
    const { state, view } = app;

    function show(span) {
        state.selection = span;
        view.selection = span;
        view.requestRender();
    }

    /** Selects the steps from `anchor` to `step`, both included, in either order; past the roll's limit is left out. */
    function select(anchor, step) {
        const from = Math.max(0, Math.min(anchor, step));
        const to = Math.min(Math.max(anchor, step) + 1, state.roll.maxLength);
        if (from >= to) return;
        if (state.selection?.from === from && state.selection?.to === to) return;
        show({ from, to });
        const count = to - from;
        app.readouts.status(`Steps ${from} to ${to - 1} selected (${count} ${count === 1 ? "step" : "steps"}): Fill selection lets the model rewrite them.`);
    }

    function clear() {
        if (state.selection) show(null);
    }

    return { select, clear };
}
