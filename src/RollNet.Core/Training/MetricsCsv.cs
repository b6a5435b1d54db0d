using System.Globalization;
using System.Text;
using RollNet.Data;
using RollNet.IO;

namespace RollNet.Training;

/// <summary>The metrics.csv of a training run: a header line, then one <see cref="EpochRecord"/> per line.</summary>
internal static class MetricsCsv
{
    public const string Header = "epoch,train_loss,valid_loss,valid_strict_accuracy,valid_bay_accuracy,seconds";

    /// <summary>Writes the whole history atomically, so a crash leaves the previous file rather than half a line.</summary>
    public static void Write(string path, IReadOnlyList<EpochRecord> history)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (EpochRecord r in history)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Epoch},{r.TrainLoss},{r.ValidLoss},{r.ValidStrictAccuracy},{r.ValidBayAccuracy},{r.Seconds:F3}\n");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>
    /// The records of a file that <see cref="Write"/> wrote; none when it does not exist. A folder, a device or a pipe
    /// in its place is refused before it is read, as <see cref="InputFile"/> refuses them.
    /// </summary>
    public static List<EpochRecord> Read(string path)
    {
        if (InputFile.Problem(path, "a RollNet metrics file") is { } problem)
        {
            throw new IOException($"{path}: {problem}");
        }

        if (!File.Exists(path))
        {
            return [];
        }

        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new IOException($"{path}: not a RollNet metrics file: the first line is not \"{Header}\"");
        }

        var records = new List<EpochRecord>();
        for (int i = 1; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split(',');
            if (fields.Length != 6 ||
                !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch) ||
                !fields[1..].All(f => double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                throw new IOException($"{path}: line {i + 1} is not six comma-separated numbers");
            }

            double[] v = [.. fields[1..].Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
            records.Add(new EpochRecord(epoch, v[0], v[1], v[2], v[3], v[4]));
        }

        return records;
    }
}
