using AccessConsole.Web.Access;
using AccessConsole.Web.DemoData.Traffic;
using AccessConsole.Web.ApiKeys;
using AccessConsole.Web.Integrations;
using AccessConsole.Web.Organizations;
using AccessConsole.Web.Usage;

namespace AccessConsole.Web.DemoData;

/// <summary>The generated rows, computed from the seed. Usage is streamed; the rest is small enough to hold.</summary>
internal sealed class DemoPlan
{
    private readonly DemoDataOptions options;
    private readonly DateTime now;
    private readonly Random random;
    private readonly List<Organization> organizations = [];
    private readonly List<Integration> integrations = [];
    private readonly List<OrganizationIntegration> uses = [];
    private readonly List<ApiKey> keys = [];
    private readonly HashSet<Guid> heavyUsers = [];

    public DemoPlan(DemoDataOptions options, DateTime now)
    {
        this.options = options;
        this.now = now;
        random = new Random(options.Seed);
        BuildOrganizations();
        BuildIntegrations();
        BuildUses();
        BuildKeys();
    }

    public IReadOnlyList<Organization> Organizations() => organizations;

    public IEnumerable<Integration> Integrations() => integrations;

    public IEnumerable<OrganizationIntegration> IntegrationUses() => uses;

    public IReadOnlyList<ApiKey> Keys() => keys;

    /// <summary>
    /// Notice contacts for the named organizations (the scenarios' and the heavy users'), at their fictional domains.
    /// Their ids derive from the organization's, so that the other rows of the seed stay as they were.
    /// </summary>
    public IEnumerable<Notices.NoticeContact> NoticeContacts() =>
        organizations.Take(DemoCatalog.ScenarioOrganizations.Count + DemoCatalog.HeavyUsers.Count)
            .Select(o => new Notices.NoticeContact
            {
                Id = new Guid(System.Security.Cryptography.SHA256.HashData(o.Id.ToByteArray()).AsSpan(0, 16)),
                OrganizationId = o.Id,
                Name = $"{o.Name} operations",
                Email = $"api-notices@{o.Domains[0].Domain}",
            });

    /// <summary>
    /// Daily usage of the plan's keys and of <paramref name="laterKeys"/> (created by the history): none on a day the key
    /// could not be used at all, and within the caps of its restrictions.
    /// </summary>
    public IEnumerable<DailyUsage> Usage(AccessOverTime access, IReadOnlyList<ApiKey> laterKeys)
    {
        var usageRandom = new Random(options.Seed + 1);
        var today = now.Date;
        var idleShare = options.IdleShare;
        foreach (var key in keys.Concat(laterKeys))
        {
            var heavy = heavyUsers.Contains(key.OrganizationId);
            var scale = 50 + usageRandom.Next(2000);
            for (var d = options.Days - 1; d >= 0; d--)
            {
                if (!heavy && usageRandom.NextDouble() < idleShare) continue;
                var hours = heavy ? 20 + usageRandom.Next(5) : 2 + usageRandom.Next(13);
                var requests = (long)(scale * hours * (0.5 + usageRandom.NextDouble()));
                var tokens = requests * (400 + usageRandom.Next(3000));
                var day = today.AddDays(-d);
                var allowed = access.ForDay(key, day);
                if (!allowed.Allowed) continue;
                yield return new DailyUsage
                {
                    ApiKeyId = key.Id,
                    OrganizationId = key.OrganizationId,
                    Day = day,
                    Requests = Capped(requests, allowed.RequestsPerMinute, hours),
                    Tokens = Capped(tokens, allowed.TokensPerMinute, hours),
                    ActiveHours = hours,
                };
            }
        }
    }

    private static long Capped(long amount, int? perMinute, int hours) => perMinute is { } cap ? Math.Min(amount, (long)cap * 60 * hours) : amount;

    private Guid NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    private DateTime PastTime(int maxDaysAgo) =>
        now.AddDays(-random.Next(1, maxDaysAgo)).AddMinutes(-random.Next(24 * 60)).Date.AddHours(9 + random.Next(9));

    private void BuildOrganizations()
    {
        foreach (var seed in DemoCatalog.ScenarioOrganizations) AddOrganization(seed);
        foreach (var seed in DemoCatalog.HeavyUsers) heavyUsers.Add(AddOrganization(seed).Id);

        var names = new HashSet<string>(organizations.Select(o => o.NormalizedName));
        var tiers = new[] { Tier.Free, Tier.Free, Tier.Build, Tier.Build, Tier.Build, Tier.Scale, Tier.Scale, Tier.Enterprise };
        while (organizations.Count < options.Organizations)
        {
            var name = $"{Pick(DemoCatalog.NameFirst)} {Pick(DemoCatalog.NameSecond)}";
            if (!names.Add(Organization.Normalize(name))) name = $"{name} {organizations.Count}";
            names.Add(Organization.Normalize(name));
            var tags = random.NextDouble() < 0.05 ? new[] { "reseller" } : [];
            var domain = name.ToLowerInvariant().Replace(' ', '-') + ".example";
            AddOrganization(new DemoCatalog.OrganizationSeed(name, Pick(tiers), tags, domain, Pick(DemoCatalog.Managers)));
        }
    }

    private Organization AddOrganization(DemoCatalog.OrganizationSeed seed)
    {
        var organization = new Organization
        {
            Id = NextId(),
            Name = seed.Name,
            NormalizedName = Organization.Normalize(seed.Name),
            Tier = seed.Tier,
            AccountManager = seed.AccountManager,
            CreatedAt = PastTime(900),
        };
        organization.Domains.Add(new OrganizationDomain { OrganizationId = organization.Id, Domain = seed.Domain });
        organization.Tags.AddRange(seed.Tags.Select(t => new OrganizationTag { OrganizationId = organization.Id, Tag = t }));
        organizations.Add(organization);
        return organization;
    }

    private void BuildIntegrations()
    {
        foreach (var seed in DemoCatalog.Integrations)
        {
            integrations.Add(new Integration
            {
                Id = NextId(),
                Name = seed.Name,
                Kind = seed.Kind,
                IsFirstParty = seed.IsFirstParty,
                ClientIdentifiers = [.. seed.ClientIds],
                VendorOrganizationId = seed.VendorName is null ? null : organizations.Single(o => o.Name == seed.VendorName).Id,
            });
        }
    }

    private void BuildUses()
    {
        var sdk = Integration("Atelier SDKs");
        if (options.IntegrationUses is { } total)
        {
            BuildExactUses(sdk, total);
            return;
        }
        foreach (var organization in organizations)
        {
            var chosen = new HashSet<Integration> { sdk };
            var extra = random.Next(0, 4);
            for (var i = 0; i < extra; i++) chosen.Add(Pick(integrations));
            foreach (var integration in ScenarioIntegrationsOf(organization)) chosen.Add(integration);
            foreach (var integration in chosen) AddUse(organization, integration);
        }
    }

    /// <summary>Every organization uses the SDKs and its scenario's integrations; the rest are spread at random.</summary>
    private void BuildExactUses(Integration sdk, int total)
    {
        var chosen = organizations.Select(o => new HashSet<Integration>(ScenarioIntegrationsOf(o).Prepend(sdk))).ToList();
        var count = chosen.Sum(c => c.Count);
        while (count < total)
        {
            if (chosen[random.Next(chosen.Count)].Add(Pick(integrations))) count++;
        }
        for (var i = 0; i < organizations.Count; i++)
        {
            foreach (var integration in chosen[i]) AddUse(organizations[i], integration);
        }
    }

    private IEnumerable<Integration> ScenarioIntegrationsOf(Organization organization)
    {
        if (organization.Tags.Any(t => t.Tag == "competitor")) yield return Integration(DemoCatalog.BlockedIde);
        if (organization.Name == DemoCatalog.HarnessUser) yield return Integration(DemoCatalog.Harness);
        if (organization.Name == DemoCatalog.AcquiredVendor) yield return Integration("Atelier CLI");
    }

    private void AddUse(Organization organization, Integration integration)
    {
        var firstSeen = PastTime(400);
        uses.Add(new OrganizationIntegration
        {
            Id = NextId(),
            OrganizationId = organization.Id,
            IntegrationId = integration.Id,
            FirstSeenAt = firstSeen,
            LastSeenAt = now.AddHours(-random.Next(1, 72)),
            RecentRequests = random.Next(1_000, 2_000_000),
        });
    }

    private void BuildKeys()
    {
        AddScenarioKeys();
        var remaining = options.Keys - keys.Count;
        var withKeys = keys.Select(k => k.OrganizationId).ToHashSet();
        var others = organizations.Where(o => !withKeys.Contains(o.Id)).ToList();
        // Every organization gets one key, and the rest are spread at random.
        for (var i = 0; i < remaining; i++)
        {
            var organization = i < others.Count ? others[i] : Pick(organizations);
            var purpose = random.NextDouble() < 0.9 ? KeyPurpose.General : Pick(new[] { KeyPurpose.Benchmarking, KeyPurpose.SafetyEvaluation });
            var kind = random.NextDouble() < 0.08 ? CredentialKind.SubscriptionOAuth : CredentialKind.ApiKey;
            AddKey(organization, $"key-{keys.Count:D6}", purpose, kind, mayHaveExpired: true);
        }
    }

    private void AddScenarioKeys()
    {
        AddKey(OrganizationNamed(DemoCatalog.RivalLab), "northwind-general-prod", KeyPurpose.General, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.RivalLab), "northwind-research", KeyPurpose.General, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.RivalLab), "northwind-benchmarks", KeyPurpose.Benchmarking, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.RivalLab), "northwind-safety-evals", KeyPurpose.SafetyEvaluation, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.IdeRival), "helix-dev-team", KeyPurpose.General, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.IdeRival), "helix-evals", KeyPurpose.Benchmarking, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.AcquiredVendor), "slipstream-prod", KeyPurpose.General, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.HarnessUser), "pinecrest-subscription", KeyPurpose.General, CredentialKind.SubscriptionOAuth);
        AddKey(OrganizationNamed(DemoCatalog.HarnessUser), "pinecrest-api", KeyPurpose.General, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.DisputedOrganization), "meridian-prod", KeyPurpose.General, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.StoppedKeyOrganization), "kestrel-prod", KeyPurpose.General, CredentialKind.ApiKey);
        AddKey(OrganizationNamed(DemoCatalog.StoppedKeyOrganization), "kestrel-staging", KeyPurpose.General, CredentialKind.ApiKey);
    }

    private void AddKey(Organization organization, string name, KeyPurpose purpose, CredentialKind kind, bool mayHaveExpired = false)
    {
        var secret = DemoSecrets.For(options.Seed, name, kind);
        var created = PastTime(600);
        keys.Add(new ApiKey
        {
            Id = NextId(),
            OrganizationId = organization.Id,
            Name = name,
            DisplayPrefix = KeyFormat.DisplayPrefixOf(secret),
            LastFour = KeyFormat.LastFourOf(secret),
            SecretHash = KeyFormat.Hash(secret),
            Purpose = purpose,
            CredentialKind = kind,
            CreatedAt = created,
            CreatedBy = Pick(DemoCatalog.Managers),
            LastUsedAt = now.AddMinutes(-random.Next(5, 60 * 24 * 3)),
            ExpiresAt = mayHaveExpired && random.NextDouble() < 0.03 ? now.AddDays(-random.Next(1, 30)) : null,
        });
    }

    private Organization OrganizationNamed(string name) => organizations.Single(o => o.Name == name);

    private Integration Integration(string name) => integrations.Single(i => i.Name == name);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
