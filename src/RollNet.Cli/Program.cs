using System.CommandLine;
using RollNet.Cli.Commands;

var root = new RootCommand("RollNet: learn polyphonic music with an LSTM written from scratch, and generate new music.")
{
    BenchCommand.Create(),
};
return root.Parse(args).Invoke();
