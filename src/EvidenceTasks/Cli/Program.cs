using EvidenceTasks.Cli;

return EvidenceCli.Run(args, CliContext.FromProcess());
