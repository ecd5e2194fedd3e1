using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace AccessConsole.Web.Gateway.Credentials;

/// <summary>
/// Failed authentications per client address, as a token bucket. An IPv6 address counts by its /64, since one host
/// can use every address of its /64. Limiters of addresses that stopped failing are dropped by the partitioned limiter.
/// </summary>
public sealed class FailedAuthenticationLimiter(GatewaySettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.FailedAuthenticationsPerSecondPerAddress * 2,
            TokensPerPeriod = settings.FailedAuthenticationsPerSecondPerAddress,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>True when the address has used up its failures for now.</summary>
    public bool IsOverLimit(IPAddress? address)
    {
        using var lease = limiter.AttemptAcquire(Partition(address), permitCount: 0);
        return !lease.IsAcquired;
    }

    /// <summary>Counts a failure; false when the address had none left.</summary>
    public bool TryRecordFailure(IPAddress? address)
    {
        using var lease = limiter.AttemptAcquire(Partition(address));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();

    private static IPAddress Partition(IPAddress? address)
    {
        if (address is null) return IPAddress.None;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
