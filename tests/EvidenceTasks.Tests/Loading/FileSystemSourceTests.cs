using System.Text;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Loading;

/// <summary><see cref="FileSystemSource.Read"/> reads with the length the listing saw; a file that changed since must still be read whole.</summary>
public class FileSystemSourceTests
{
    private const string Ticket = "evidence/deficiencies/def-1.yaml";

    [Theory]
    [InlineData("deficiency_id: def-1\nsummary: grown since the listing, by more than one byte\n")]
    [InlineData("deficiency_id: def-1\n")]
    [InlineData("deficiency_id: def-1\nsummary: same\n")]
    [InlineData("")]
    public void Given_a_listed_file_When_it_is_rewritten_before_the_read_Then_the_read_returns_its_current_bytes(string now)
    {
        using var repo = new TempEvidenceRepo();
        repo.Write(Ticket, "deficiency_id: def-1\nsummary: same\n");
        var source = new FileSystemSource(repo.Root);
        var entry = Assert.Single(source.Enumerate(new List<Finding>()), e => e.Path == Ticket);

        repo.Write(Ticket, now);

        Assert.Equal(now, Encoding.UTF8.GetString(source.Read(entry)));
    }
}
