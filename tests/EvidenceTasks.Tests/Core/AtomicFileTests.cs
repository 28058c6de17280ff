using EvidenceTasks.IO;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core;

public class AtomicFileTests
{
    [Fact]
    public void Given_no_file_When_created_new_Then_created_and_a_second_create_does_not_overwrite()
    {
        using var repo = new TempEvidenceRepo();
        var path = repo.PathOf("evidence/x/a.json");
        Assert.Equal(WriteOutcome.Created, AtomicFile.CreateNew(path, "one"));
        Assert.Equal(WriteOutcome.AlreadyExists, AtomicFile.CreateNew(path, "two"));
        Assert.Equal("one", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temp file left behind
    }

    [Fact]
    public void Given_many_racing_creators_When_created_new_Then_exactly_one_wins()
    {
        using var repo = new TempEvidenceRepo();
        var path = repo.PathOf("race.json");
        var outcomes = new WriteOutcome[16];
        Parallel.For(0, outcomes.Length, i => outcomes[i] = AtomicFile.CreateNew(path, $"writer {i}"));
        Assert.Equal(1, outcomes.Count(o => o == WriteOutcome.Created));
        Assert.StartsWith("writer ", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_same_content_When_written_if_changed_Then_unchanged_and_file_untouched()
    {
        using var repo = new TempEvidenceRepo();
        var path = repo.PathOf("b.txt");
        Assert.Equal(WriteOutcome.Created, AtomicFile.WriteIfChanged(path, "v1"));
        var stamp = File.GetLastWriteTimeUtc(path);
        Thread.Sleep(20);
        Assert.Equal(WriteOutcome.Unchanged, AtomicFile.WriteIfChanged(path, "v1"));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.Equal(WriteOutcome.Updated, AtomicFile.WriteIfChanged(path, "v2"));
        Assert.Equal("v2", File.ReadAllText(path));
    }

    [Fact]
    public void Given_a_streamed_replacement_When_the_writer_fails_midway_Then_the_old_file_stays_and_no_temp_file_is_left()
    {
        using var repo = new TempEvidenceRepo();
        var path = repo.PathOf("cache/c.bin");
        AtomicFile.Replace(path, s => s.Write("old"u8));

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Replace(path, s =>
        {
            s.Write("half of the new"u8);
            throw new InvalidOperationException("the writer failed");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        AtomicFile.Replace(path, s => s.Write("new"u8));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }
}
