namespace EvidenceTasks.Cli;

/// <summary>Named process exit codes (as dotnet-format names its own).</summary>
public static class ExitCodes
{
    /// <summary>Nothing blocks; the command did what it was asked.</summary>
    public const int Clean = 0;

    /// <summary>The gate found something that blocks, or the command refused its input with a finding.</summary>
    public const int Blocked = 1;

    /// <summary>The command line itself is wrong (unknown verb or option, bad value).</summary>
    public const int Usage = 2;

    /// <summary>A fault in the tool, not in the evidence; reported in one line, with the trace only under --verbose.</summary>
    public const int InternalError = 3;

    /// <summary>The git repository could not be read (damaged objects, a broken pack): `git fsck --full` says more.</summary>
    public const int RepositoryUnreadable = 4;
}
