using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace AccessConsole.Web.Audit;

/// <summary>
/// SHA-256 of the short inputs the verifier hashes millions of times (an event's canonical text, a tree leaf or node
/// of one or two blocks). Through .NET, each hash takes three calls into OpenSSL, each clearing OpenSSL's error queue
/// and marshalling a SafeHandle: about a fifth of the CPU time of verifying the log. Where OpenSSL's libcrypto can be
/// loaded (Linux), this calls its plain SHA-256 functions on a context on the stack instead, which do none of that;
/// elsewhere it uses a hasher kept per thread.
/// </summary>
public static unsafe class ShortInputSha256
{
    /// <summary>Inputs up to this length go straight to libcrypto: its calls skip the GC transition, so they must be short.</summary>
    private const int NativeLimit = 4 * 1024;

    private static readonly Functions? Native = Functions.Load();

    [ThreadStatic]
    private static IncrementalHash? hasher;

    /// <summary>Whether hashes are computed by calling libcrypto directly (false: through .NET's hasher).</summary>
    public static bool UsesLibcrypto => Native is not null;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < SHA256.HashSizeInBytes) throw new ArgumentException("A SHA-256 hash is 32 bytes.", nameof(destination));
        if (Native is { } native && data.Length <= NativeLimit)
        {
            native.Hash(data, destination);
            return;
        }
        var sha256 = hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(data);
        sha256.GetHashAndReset(destination);
    }

    /// <summary>OpenSSL's <c>SHA256_Init</c>, <c>SHA256_Update</c> and <c>SHA256_Final</c>, present in libcrypto 1.1 and 3.</summary>
    private sealed class Functions(
        delegate* unmanaged[Cdecl, SuppressGCTransition]<Context*, int> init,
        delegate* unmanaged[Cdecl, SuppressGCTransition]<Context*, byte*, nuint, int> update,
        delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, Context*, int> final)
    {
        public static Functions? Load()
        {
            foreach (var name in (string[])["libcrypto.so.3", "libcrypto.so.1.1"])
            {
                if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(name, out var library)) continue;
                if (NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                    && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                    && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
                {
                    var functions = new Functions(
                        (delegate* unmanaged[Cdecl, SuppressGCTransition]<Context*, int>)init,
                        (delegate* unmanaged[Cdecl, SuppressGCTransition]<Context*, byte*, nuint, int>)update,
                        (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, Context*, int>)final);
                    if (functions.GivesSha256()) return functions;
                }
            }
            return null;
        }

        public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            Context context;
            fixed (byte* input = data)
            fixed (byte* output = destination)
            {
                if (init(&context) != 1 || update(&context, input, (nuint)data.Length) != 1 || final(output, &context) != 1)
                {
                    throw new CryptographicException("libcrypto failed to compute a SHA-256 hash.");
                }
            }
        }

        /// <summary>A library that answers to these names but computes something else is not used.</summary>
        private bool GivesSha256()
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            Hash("abc"u8, hash);
            return hash.SequenceEqual(SHA256.HashData("abc"u8));
        }
    }

    /// <summary>Room for OpenSSL's <c>SHA256_CTX</c> (112 bytes), with some to spare.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 128)]
    private struct Context
    {
        private ulong first;
    }
}
