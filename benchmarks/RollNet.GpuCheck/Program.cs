using RollNet.GpuCheck;

return GpuCheckCommand.Run(args, Console.Out, Console.Error);
