using System.CommandLine;
using System.Net;
using RollNet.Gpu;
using RollNet.Piano.Server;

namespace RollNet.Cli.Commands;

/// <summary><c>rollnet piano</c>: serves NeuralPiano, the piano-roll page that the model continues, on 127.0.0.1.</summary>
internal static class PianoCommand
{
    public const int DefaultPort = 5380;

    public static Command Create()
    {
        Option<string?> model = CommonOptions.Model();
        var port = new Option<int>("--port")
        {
            Description = "Port on 127.0.0.1; 0 takes any free one",
            DefaultValueFactory = _ => DefaultPort,
        }.InRange(0, IPEndPoint.MaxPort + 1);
        Option<DeviceChoice> device = CommonOptions.Device();
        var command = new Command("piano", "Start NeuralPiano: draw on a piano roll in the browser, hear it, let the model continue it")
        {
            model, port, device,
        };
        command.SetAction(parse => CommandAction.Run(parse, (stdout, stderr) =>
        {
            // The model asked for first, then every bundled model it is not.
            string? asked = parse.GetValue(model);
            BundledModel? bundled = ModelSource.Bundled(asked);
            PianoModel first = bundled is null
                ? new PianoModel(Path.GetFileName(asked!), Path.GetFileName(asked!), ModelSource.Load(asked))
                : Offer(bundled);
            DeviceChoice choice = parse.GetValue(device);
            CommonOptions.NoteIfSimulator(choice, stderr);
            var options = new PianoServerOptions
            {
                Models = [first, .. BundledModel.All.Where(b => b != bundled).Select(Offer)],
                // One thread per generator: concurrent requests each get a core rather than fight over all of them.
                CreateBackend = () => BackendFactory.Create(choice, threads: 1),
                Port = parse.GetValue(port),
            };
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                Serve(options, stdout, stop.Token).GetAwaiter().GetResult();
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            return 0;
        }));
        return command;
    }

    private static PianoModel Offer(BundledModel model) => new(model.Name, model.Description, model.Load());

    private static async Task Serve(PianoServerOptions options, TextWriter stdout, CancellationToken stop)
    {
        PianoServer started;
        try
        {
            started = await PianoServer.StartAsync(options, stop);
        }
        catch (IOException e)
        {
            // The port is taken (by a NeuralPiano already running, often) or not ours to take.
            throw new IOException($"{e.Message.TrimEnd('.')}; choose another with --port, or --port 0 for any free one", e);
        }

        await using PianoServer server = started;
        stdout.WriteLine($"NeuralPiano is playing at {server.Address} with {options.Models[0].Name}; press Ctrl+C to stop");
        await server.WaitForShutdownAsync(stop);
        stdout.WriteLine("stopped");
    }
}
