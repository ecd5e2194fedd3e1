using System.Buffers;
using System.Text.Json;

namespace AccessConsole.Web.Gateway;

public enum BodyOutcome
{
    Read,
    TooLarge,
    NotJson,
}

/// <summary>
/// Reads a JSON request body of at most a given size. The limit holds on the bytes actually read, so a chunked body,
/// which declares no length, stops being read at the limit.
/// </summary>
public static class LimitedJsonBody
{
    public static async Task<(BodyOutcome Outcome, T? Value)> ReadAsync<T>(Stream body, int maxBytes, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= maxBytes && (read = await body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }
            if (length > maxBytes) return (BodyOutcome.TooLarge, default);
            return (BodyOutcome.Read, JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), json));
        }
        catch (JsonException)
        {
            return (BodyOutcome.NotJson, default);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
