using System.Collections.Immutable;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;

namespace EvidenceTasks.IO.Loading;

/// <summary>
/// A YAML or JSON file read into one tree (System.Text.Json nodes, YAML typed by the 1.2 core schema) with the position
/// of every node, so schema errors and rule findings point at the line a scribe wrote, whatever the file's format.
/// </summary>
public sealed record ParsedDocument(string Path, JsonNode? Root, PositionMap Positions);

/// <summary>A parse either yields a document or the findings that say why not; never both, never an exception.</summary>
public sealed record ParseOutcome(ParsedDocument? Document, ImmutableArray<Finding> Findings)
{
    public static ParseOutcome Success(ParsedDocument document) => new(document, []);

    public static ParseOutcome Failure(Finding finding) => new(null, [finding]);
}

/// <summary>Bounds that keep hostile input from exhausting the gate.</summary>
public static class LoadLimits
{
    public const int MaxFileBytes = 1024 * 1024;
    public const int MaxDepth = 64;
    public const int MaxScalarChars = 64 * 1024;
    public const int MaxNodes = 200_000;
}
