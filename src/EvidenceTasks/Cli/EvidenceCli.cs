using System.CommandLine;

namespace EvidenceTasks.Cli;

/// <summary>The command line: one verb per task, each a thin call into the core and the IO ring.</summary>
public static class EvidenceCli
{
    /// <summary>Every verb. A new verb is one line here.</summary>
    private static IEnumerable<Command> Verbs(CliContext ctx) =>
    [
        GateVerb.Gate(ctx),
        GateVerb.Validate(ctx),
        ReasonsVerb.Build(ctx),
        ReceiptVerb.Build(ctx),
        BootstrapVerb.Build(ctx),
        ScoreVerb.Build(ctx),
        BoardVerb.Build(ctx),
        AllocateVerb.Build(ctx),
        FridayVerb.Build(ctx),
        ReadbackVerb.Build(ctx),
        ReplayVerb.Build(ctx),
        ProvenanceVerb.Build(ctx),
        RosterVerb.Build(ctx),
        IcsVerb.Build(ctx),
        ManifestVerb.Build(ctx),
        SynthVerb.Build(ctx),
    ];

    public static int Run(string[] args, CliContext ctx)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show the stack trace of an internal error.", Recursive = true };
        var root = new RootCommand("EvidenceTasks: the Git-native evidence pipeline for mock-audit governance.") { verbose };
        foreach (var verb in Verbs(ctx)) root.Subcommands.Add(verb);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) ctx.Error.WriteLine($"evidence-tasks: usage: {error.Message}");
            ctx.Error.WriteLine("evidence-tasks: run with --help for the verbs and options");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = ctx.Out, Error = ctx.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            ctx.Error.WriteLine($"evidence-tasks: usage: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (EvidenceTasks.IO.UnsafePathException e)
        {
            return DerivedEvidence.Refuse(ctx, EvidenceTasks.Core.Finding.Error(EvidenceTasks.Core.BlockReason.FileRejected,
                new EvidenceTasks.Core.SourceLocation(e.RelativePath, 1, 1), e.Message, "Replace the symlink with a real folder or file inside the repository."));
        }
        catch (Exception e) when (GitFault(e) is { } git)
        {
            // A damaged or unreadable repository is neither the evidence's fault nor the tool's: say so, and how to check it.
            ctx.Error.WriteLine($"evidence-tasks: git: the repository could not be read: {git.Message} (check it with `git fsck --full`; re-clone if objects are damaged)");
            if (parse.GetValue(verbose)) ctx.Error.WriteLine(e.ToString());
            return ExitCodes.RepositoryUnreadable;
        }
        catch (Exception e)
        {
            ctx.Error.WriteLine($"evidence-tasks: internal error: {e.GetType().Name}: {e.Message} (this is a fault in the tool, not in your evidence; rerun with --verbose and report it)");
            if (parse.GetValue(verbose)) ctx.Error.WriteLine(e.ToString());
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The libgit2 error behind <paramref name="e"/> (parallel loops wrap it in AggregateExceptions), or null.</summary>
    private static LibGit2Sharp.LibGit2SharpException? GitFault(Exception e) => e switch
    {
        LibGit2Sharp.LibGit2SharpException git => git,
        AggregateException all => all.Flatten().InnerExceptions.Select(GitFault).FirstOrDefault(g => g is not null),
        _ => null,
    };
}
