namespace AccessConsole.Web.Shared;

/// <summary>
/// The ids of new audit events, jobs and requests. Random, except within <see cref="Seeded"/>: there they follow the
/// seed, so that demo history made through the services comes out with the same ids, and so the same audit hashes,
/// every time it is generated from the same seed.
/// </summary>
public static class NewIds
{
    private static readonly AsyncLocal<Random?> Source = new();

    public static Guid Next()
    {
        if (Source.Value is not { } random) return Guid.NewGuid();
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    /// <summary>Ids follow <paramref name="seed"/> in this flow of work until the answer is disposed.</summary>
    public static IDisposable Seeded(int seed)
    {
        var previous = Source.Value;
        Source.Value = new Random(seed);
        return new Scope(previous);
    }

    private sealed class Scope(Random? previous) : IDisposable
    {
        public void Dispose() => Source.Value = previous;
    }
}
