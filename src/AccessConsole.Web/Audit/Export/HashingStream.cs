using System.Security.Cryptography;

namespace AccessConsole.Web.Audit.Export;

/// <summary>Passes writes through to another stream while computing their SHA-256 and counting their bytes.</summary>
public sealed class HashingStream(Stream inner) : WriteOnlyStream
{
    private readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesWritten { get; private set; }

    /// <summary>The lower-case hex SHA-256 of everything written; call once, after the last write.</summary>
    public string FinishHash() => Convert.ToHexStringLower(sha256.GetHashAndReset());

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count(buffer);
        inner.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    private void Count(ReadOnlySpan<byte> bytes)
    {
        sha256.AppendData(bytes);
        BytesWritten += bytes.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) sha256.Dispose();
        base.Dispose(disposing);
    }
}
