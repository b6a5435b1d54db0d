namespace RollNet.Heads;

/// <summary>How a head draws one frame: temperature, the most keys allowed to sound, and the draw's place in the stream.</summary>
/// <param name="Temperature">Divides the log-odds before the sigmoid; positive.</param>
/// <param name="MaxNotes">Most keys sounding at once, 0 for no limit.</param>
/// <param name="Seed">The sampling seed.</param>
/// <param name="Step">
/// The frame's place in the stream, its index in the generated piece (with a redraw's count in the high bits when a
/// frame is drawn again): draw k of it is uniform number (seed, step, k).
/// </param>
internal readonly record struct FrameDraw(float Temperature, int MaxNotes, ulong Seed, ulong Step)
{
    /// <summary>
    /// The place in the stream of redraw <paramref name="redraw"/> of the frame at <paramref name="place"/>: the redraw's
    /// count in the high bits, so that each redraw takes its own random numbers and redraw 0 those of the first draw.
    /// </summary>
    public static ulong Redrawn(ulong place, int redraw) => place | ((ulong)(uint)redraw << 48);
}
