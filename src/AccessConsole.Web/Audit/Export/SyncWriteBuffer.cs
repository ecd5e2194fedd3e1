namespace AccessConsole.Web.Audit.Export;

/// <summary>
/// Lets ZipArchive write to an HTTP response, which refuses synchronous writes: .NET 10's zip entries still end
/// with a few small synchronous writes (the compressor's last block, the data descriptor). Those are held here
/// and sent with the next asynchronous write. Everything else must arrive asynchronously; a synchronous write
/// path that would make the buffer grow with the export fails loudly instead.
/// </summary>
public sealed class SyncWriteBuffer(Stream inner) : Stream
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

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
