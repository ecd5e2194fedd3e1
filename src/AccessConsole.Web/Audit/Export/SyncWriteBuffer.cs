namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// Lets ZipArchive write to an HTTP response, which refuses synchronous writes: .NET 10's zip entries still end
/// with a few small synchronous writes (the compressor's last block, the data descriptor). Those are held here
/// and sent with the next asynchronous write. Everything else must arrive asynchronously; a synchronous write
/// path that would make the buffer grow with the export fails loudly instead.
/// </summary>
public sealed class SyncWriteBuffer(Stream inner) : WriteOnlyStream
{
    public const int Limit = 1 << 20;

    private readonly MemoryStream pending = new();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (pending.Length + buffer.Length > Limit)
        {
            throw new InvalidOperationException("A synchronous write path reached the export stream; exports must write asynchronously.");
        }
        pending.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    // Flush is called synchronously by the zip writer too; the bytes go out with the next asynchronous call.
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        if (pending.Length == 0) return;
        await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        pending.SetLength(0);
    }
}
