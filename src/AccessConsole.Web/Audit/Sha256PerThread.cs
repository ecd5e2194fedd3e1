using System.Security.Cryptography;

namespace AccessConsole.Web.Audit;

/// <summary>
/// SHA-256 through a hasher kept per thread. For the short inputs the verifier hashes millions of times (an event's
/// canonical text, a tree leaf or node of one or two blocks), setting up a one-shot hash costs about as much as the
/// hashing itself.
/// </summary>
public static class Sha256PerThread
{
    [ThreadStatic]
    private static IncrementalHash? hasher;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var sha256 = hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(data);
        sha256.GetHashAndReset(destination);
    }
}
