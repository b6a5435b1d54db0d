using RollNet.Cli;

return RollNetCommand.Run(args);
