using System.Globalization;
using System.Security.Cryptography;
using CsCheck;
using NAudio.Midi;
using RollNet.Data;
using Xunit;

namespace RollNet.Tests.Data;

public sealed class MidiRollWriterTests
{
    /// <summary>
    /// The files are byte for byte those the writer wrote when it handed NAudio's event list every note and let it sort
    /// them (their SHA-256 recorded from that writer), so that every MIDI file written before reads the same as one
    /// written now.
    /// </summary>
    [Theory]
    [InlineData("random 64 steps, 2 a quarter, format 1", 1808, "d009ee69f0987ccdd69ce46c26021114e78ae3c6870340e37fa46ea8f33c30ea")]
    [InlineData("random 64 steps, 4 a quarter, format 0", 1391, "07dc45e17a9b5689a475a49be5ca7379d48d861515ff1e147dc43e139a6b7dd1")]
    [InlineData("random 200 steps, 1 a quarter at 72.5, format 1", 5282, "cfcdec97d1307a5e2741e50040b375f21c4fd28e4bb5ecadb66cac96c875af37")]
    [InlineData("silent 6 steps, format 1", 63, "db5e4126129d6b009d80872d8a18622786b50e71318a17db86db2594d4f54bec")]
    [InlineData("silent 6 steps, format 0", 63, "54ef89846dec01d4bf6d4cbb7adf9fc4010cc0574c1e171ea7a54f00bb36dca1")]
    [InlineData("no steps, format 0", 62, "b563e16f4568608c937e2d8656c8462986e145949525c49745b7f008f25f9f88")]
    [InlineData("every key 3 steps, 480 a quarter, format 1", 780, "8d2612ef686809534e569ef579489a9efcc266416a3e2c9a3f6785973d328e1e")]
    [InlineData("two chords in turn, 32 steps", 875, "1c8f687ad18369723bed0593dd9347d368e2b6e07377e41ec2e3a253f1e2f5c8")]
    public void TheBytesAreThoseTheWriterWroteBefore(string name, int length, string sha256)
    {
        (PianoRoll roll, int stepsPerQuarter, double beatsPerMinute, int format) = FixedRolls.Midi[name];
        using var stream = new MemoryStream();

        MidiRollWriter.Write(stream, roll, stepsPerQuarter, beatsPerMinute, format);

        Assert.Equal(length, stream.Length);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(stream.ToArray())));
    }

    /// <summary>Any small roll, in either format and on any grid, is written as NAudio exports the same events.</summary>
    [Fact]
    public void TheBytesAreThoseNAudioExportsForTheSameEvents()
    {
        int[] grids = [.. Enumerable.Range(1, MidiRollWriter.TicksPerQuarter).Where(g => MidiRollWriter.TicksPerQuarter % g == 0)];
        Cases.Check(Gen.Select(Gen.Int[0, 40], Gen.Double[0, 0.5], Gen.Int[0, grids.Length - 1], Gen.Int[0, 1], Gen.Int), 300,
            values =>
            {
                (int steps, double density, int grid, int format, int seed) = values;
                var random = new Random(seed);
                var roll = new PianoRoll(steps);
                for (int t = 0; t < steps; t++)
                {
                    for (int k = 0; k < PianoRoll.Keys; k++)
                    {
                        roll[t, k] = random.NextDouble() < density;
                    }
                }

                using var stream = new MemoryStream();
                MidiRollWriter.Write(stream, roll, grids[grid], 90, format);

                Assert.Equal(NAudioExport(roll, grids[grid], 90, format), stream.ToArray());
            });
    }

    /// <summary>
    /// The writer before it wrote in one pass, as a test oracle: every note's on and off event, key by key, in NAudio's
    /// event list, which sorts them (stably, metadata first at a tick and the end of a track last) as it exports them.
    /// </summary>
    private static byte[] NAudioExport(PianoRoll roll, int stepsPerQuarter, double beatsPerMinute, int format)
    {
        int ticksPerStep = MidiRollWriter.TicksPerQuarter / stepsPerQuarter;
        long end = (long)roll.Steps * ticksPerStep;
        var notes = new List<MidiEvent>();
        foreach (RollNote note in roll.Notes())
        {
            notes.Add(new NoteEvent((long)note.Start * ticksPerStep, 1, MidiCommandCode.NoteOn, note.Pitch, MidiRollWriter.Velocity));
            notes.Add(new NoteEvent((long)note.End * ticksPerStep, 1, MidiCommandCode.NoteOff, note.Pitch, 0));
        }

        List<MidiEvent> tempo =
        [
            new TextEvent("rollnet stepsPerQuarter=" + stepsPerQuarter.ToString(CultureInfo.InvariantCulture), MetaEventType.TextEvent, 0),
            new TempoEvent((int)Math.Round(60_000_000 / beatsPerMinute), 0),
        ];
        return format == 0
            ? MidiTestFiles.Bytes(0, MidiRollWriter.TicksPerQuarter, [.. tempo, .. notes, EndTrack(end)])
            : MidiTestFiles.Bytes(1, MidiRollWriter.TicksPerQuarter, [.. tempo, EndTrack(end)], [.. notes, EndTrack(end)]);
    }

    private static MetaEvent EndTrack(long tick) => new(MetaEventType.EndTrack, 0, tick);
}
