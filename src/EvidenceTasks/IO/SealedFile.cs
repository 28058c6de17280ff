using System.Security.Cryptography;

namespace EvidenceTasks.IO;

/// <summary>
/// The shape of what the gate keeps between runs in <c>.git/evidence-tasks/</c> (the load cache, the history facts):
/// a magic, then the content, then a SHA-256 of everything before it, so a torn or damaged file is noticed and ignored.
/// The seal is a checksum, not a signature (docs/security.md row 17).
/// </summary>
internal static class SealedFile
{
    public const int SealLength = 32;

    /// <summary>The build's identity: the module version id changes with any change to the code or its embedded schemas.</summary>
    public static Guid Build { get; } = typeof(SealedFile).Module.ModuleVersionId;

    /// <summary>The seal of <paramref name="body"/>, written after it.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> body) => SHA256.HashData(body);

    /// <summary>
    /// The length of the content before the seal, once the magic and the seal are checked; an
    /// <see cref="InvalidDataException"/> that says which check failed otherwise.
    /// </summary>
    public static int BodyLength(byte[] bytes, ReadOnlySpan<byte> magic, int minimumBody, string kind)
    {
        if (bytes.Length < Math.Max(minimumBody, magic.Length) + SealLength || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
            throw new InvalidDataException($"not an evidence-tasks {kind}");
        var body = bytes.AsSpan(0, bytes.Length - SealLength);
        if (!Seal(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length)))
            throw new InvalidDataException("its SHA-256 seal does not match (a torn or damaged write)");
        return body.Length;
    }
}
