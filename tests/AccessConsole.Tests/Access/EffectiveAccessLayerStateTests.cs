using AccessConsole.Web.Access;
using static AccessConsole.Tests.Access.AccessRequests;

namespace AccessConsole.Tests.Access;

/// <summary>Every combination of the four layers' states, checked against a rule written independently here.</summary>
public sealed class EffectiveAccessLayerStateTests
{
    private static readonly AccessState[] States = [AccessState.Active, AccessState.Restricted, AccessState.Revoked];

    // A restricted layer here only caps requests (which never denies a call), each layer with a cap of its own.
    private static readonly Dictionary<SubjectKind, int> Caps = new()
    {
        [SubjectKind.Organization] = 400,
        [SubjectKind.ApiKey] = 300,
        [SubjectKind.Integration] = 200,
        [SubjectKind.OrganizationIntegration] = 100,
    };

    public static TheoryData<AccessState, AccessState, AccessState, AccessState> AllCombinations()
    {
        var data = new TheoryData<AccessState, AccessState, AccessState, AccessState>();
        foreach (var o in States)
            foreach (var k in States)
                foreach (var i in States)
                    foreach (var u in States)
                        data.Add(o, k, i, u);
        return data;
    }

    [Fact]
    public void There_are_81_combinations() => Assert.Equal(81, AllCombinations().Count);

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void A_call_is_denied_exactly_when_a_layer_is_revoked(AccessState organization, AccessState key, AccessState integration, AccessState use)
    {
        var states = new Dictionary<SubjectKind, AccessState>
        {
            [SubjectKind.Organization] = organization,
            [SubjectKind.ApiKey] = key,
            [SubjectKind.Integration] = integration,
            [SubjectKind.OrganizationIntegration] = use,
        };
        var revoked = states.Where(s => s.Value == AccessState.Revoked).Select(s => s.Key).ToHashSet();
        var restricted = states.Where(s => s.Value == AccessState.Restricted).Select(s => s.Key).ToHashSet();

        var decision = EffectiveAccess.Evaluate(Request(
            Value(SubjectKind.Organization, organization), Value(SubjectKind.ApiKey, key),
            Value(SubjectKind.Integration, integration), Value(SubjectKind.OrganizationIntegration, use)));

        Assert.Equal(revoked.Count == 0, decision.Allowed);
        if (revoked.Count > 0)
        {
            Assert.Equal(revoked, decision.Kinds().ToHashSet());
            Assert.All(decision.DecidedBy, d => Assert.Equal("revoked", d.Effect));
            Assert.Equal(revoked.Count, decision.Denials.Count);
            Assert.StartsWith("Denied", decision.Summary);
        }
        else
        {
            Assert.Equal(restricted, decision.Kinds().ToHashSet());
            Assert.Empty(decision.Denials);
            int? lowestCap = restricted.Count == 0 ? null : restricted.Min(k => Caps[k]);
            Assert.Equal(lowestCap, decision.Restriction.RequestsPerMinute);
            Assert.Equal(restricted.Count == 0 ? "Allowed" : "Allowed with restrictions", decision.Summary);
        }
    }

    private static AccessValue Value(SubjectKind kind, AccessState state) => state switch
    {
        AccessState.Active => AccessValue.Active,
        AccessState.Restricted => AccessValue.Restricted(new Restriction { RequestsPerMinute = Caps[kind] }),
        _ => AccessValue.Revoked(),
    };
}
