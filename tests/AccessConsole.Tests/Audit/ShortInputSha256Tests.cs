using System.Security.Cryptography;
using AccessConsole.Web.Audit;

namespace AccessConsole.Tests.Audit;

public sealed class ShortInputSha256Tests
{
    [Fact]
    public void Every_length_around_the_block_and_size_boundaries_hashes_as_sha256_does()
    {
        var random = new Random(20261203);
        int[] lengths = [.. Enumerable.Range(0, 300), 1_000, 4 * 1024 - 1, 4 * 1024, 4 * 1024 + 1, 16 * 1024, 100_000];
        Span<byte> hash = stackalloc byte[32];
        foreach (var length in lengths)
        {
            var data = new byte[length];
            random.NextBytes(data);

            ShortInputSha256.Hash(data, hash);

            Assert.True(hash.SequenceEqual(SHA256.HashData(data)), $"length {length}");
        }
    }

    [Fact]
    public void The_known_answer_of_the_standard_holds()
    {
        var hash = new byte[32];

        ShortInputSha256.Hash("abc"u8, hash);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Threads_hashing_at_once_each_get_their_own_answer()
    {
        var inputs = Enumerable.Range(0, 64).Select(i => new byte[i * 37 % 700]).ToArray();
        for (var i = 0; i < inputs.Length; i++) inputs[i].AsSpan().Fill((byte)i);

        var answers = new byte[inputs.Length][];
        Parallel.For(0, 20 * inputs.Length, n =>
        {
            var i = n % inputs.Length;
            var hash = new byte[32];
            ShortInputSha256.Hash(inputs[i], hash);
            Assert.Equal(SHA256.HashData(inputs[i]), hash);
            answers[i] = hash;
        });

        Assert.All(answers, Assert.NotNull);
    }

    [Fact]
    public void A_destination_shorter_than_a_hash_is_refused()
    {
        var tooShort = new byte[31];

        Assert.Throws<ArgumentException>(() => ShortInputSha256.Hash("abc"u8, tooShort));
    }

    /// <summary>The speed of verification rests on this on Linux, where the console is tested and deployed.</summary>
    [Fact]
    public void On_linux_hashes_are_computed_by_calling_libcrypto_directly()
    {
        Assert.Equal(OperatingSystem.IsLinux(), ShortInputSha256.UsesLibcrypto);
    }
}
