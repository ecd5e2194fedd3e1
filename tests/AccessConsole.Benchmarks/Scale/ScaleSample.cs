using AccessConsole.Web.Access;
using AccessConsole.Web.DemoData;

namespace AccessConsole.Benchmarks.Scale;

/// <summary>Rows picked at random (fixed seed) from the data set to drive the operations, and the secrets of the sampled keys.</summary>
public sealed class ScaleSample
{
    public sealed record Key(Guid Id, Guid OrganizationId, string DisplayPrefix, string Secret);

    public sealed record Org(Guid Id, string Name);

    public required IReadOnlyList<Key> Keys { get; init; }
    public required IReadOnlyList<Org> Organizations { get; init; }

    public static async Task<ScaleSample> LoadAsync(PlainSql sql, int size)
    {
        var random = new Random(8);
        var keyCount = Convert.ToInt64(await sql.ScalarAsync("SELECT MAX(rowid) FROM ApiKeys;"));
        var organizationCount = Convert.ToInt64(await sql.ScalarAsync("SELECT MAX(rowid) FROM Organizations;"));
        var keys = new List<Key>();
        var seed = new DemoDataOptions().Seed;
        while (keys.Count < size)
        {
            await using var command = sql.Command(
                "SELECT Id, OrganizationId, Name, CredentialKind, DisplayPrefix FROM ApiKeys WHERE rowid = $r AND Name LIKE 'key-%';",
                ("$r", random.NextInt64(1, keyCount + 1)));
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) continue;
            var secret = DemoSecrets.For(seed, reader.GetString(2), Enum.Parse<CredentialKind>(reader.GetString(3)));
            keys.Add(new Key(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(4), secret));
        }
        var organizations = new List<Org>();
        while (organizations.Count < size)
        {
            await using var command = sql.Command("SELECT Id, Name FROM Organizations WHERE rowid = $r;", ("$r", random.NextInt64(1, organizationCount + 1)));
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync()) organizations.Add(new Org(reader.GetGuid(0), reader.GetString(1)));
        }
        return new ScaleSample { Keys = keys, Organizations = organizations };
    }
}
