using System.Security.Cryptography;
using AccessConsole.Web.Access;
using AccessConsole.Web.Gateway.Decisions;

namespace AccessConsole.Tests.Gateway;

public sealed class KeyIndexTests
{
    private static readonly Guid Organization = Guid.NewGuid();

    [Fact]
    public void A_key_is_found_by_its_hash_in_either_case_with_every_fact()
    {
        var expires = new DateTime(2027, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        var hash = NewHash();
        var builder = new KeyIndex.Builder(2);
        builder.Add(NewHash(), Guid.NewGuid(), Organization, "other", KeyPurpose.General, CredentialKind.ApiKey, null);
        builder.Add(hash, Guid.Parse("11111111-2222-3333-4444-555555555555"), Organization, "clé de test ü", KeyPurpose.SafetyEvaluation,
            CredentialKind.SubscriptionOAuth, expires);

        var index = builder.Build();

        var expected = new KeyEntry(Guid.Parse("11111111-2222-3333-4444-555555555555"), Organization, "clé de test ü", KeyPurpose.SafetyEvaluation,
            CredentialKind.SubscriptionOAuth, expires);
        Assert.Equal(expected, index.Find(hash));
        Assert.Equal(expected, index.Find(hash.ToUpperInvariant()));
        Assert.Equal(DateTimeKind.Utc, index.Find(hash)!.ExpiresAt!.Value.Kind);
        // Same first bytes (the same slot), another last digit: the whole hash is compared.
        Assert.Null(index.Find(hash[..^1] + (hash[^1] == '0' ? '1' : '0')));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Unknown_and_malformed_hashes_find_nothing(string hash)
    {
        var builder = new KeyIndex.Builder(1);
        builder.Add(new string('a', 64), Guid.NewGuid(), Organization, "a", KeyPurpose.General, CredentialKind.ApiKey, null);

        Assert.Null(builder.Build().Find(hash));
    }

    [Fact]
    public void A_malformed_hash_is_not_added()
    {
        var builder = new KeyIndex.Builder(1);

        Assert.False(builder.Add("not a hash", Guid.NewGuid(), Organization, "bad", KeyPurpose.General, CredentialKind.ApiKey, null));
        Assert.True(builder.Add(NewHash(), Guid.NewGuid(), Organization, "good", KeyPurpose.General, CredentialKind.ApiKey, null));
        Assert.Equal(1, builder.Build().Count);
    }

    [Fact]
    public void More_keys_than_expected_are_all_found_and_strangers_are_not()
    {
        var keys = Enumerable.Range(0, 20_000).Select(i => (Hash: NewHash(), Id: Guid.NewGuid(), Organization: Guid.NewGuid(), Name: $"key-{i}")).ToList();
        var builder = new KeyIndex.Builder(10);
        foreach (var k in keys) builder.Add(k.Hash, k.Id, k.Organization, k.Name, KeyPurpose.Benchmarking, CredentialKind.ApiKey, null);

        var index = builder.Build();

        Assert.Equal(keys.Count, index.Count);
        Assert.All(keys, k => Assert.Equal(new KeyEntry(k.Id, k.Organization, k.Name, KeyPurpose.Benchmarking, CredentialKind.ApiKey, null), index.Find(k.Hash)));
        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.Null(index.Find(NewHash())));
        Assert.True(index.Bytes < keys.Count * 200L, $"{index.Bytes} bytes for {keys.Count} keys");
    }

    [Fact]
    public void An_empty_index_finds_nothing() => Assert.Null(new KeyIndex.Builder(0).Build().Find(NewHash()));

    private static string NewHash() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
