using System.Text;
using System.Text.Json;
using AccessConsole.Web.Security;
using AccessConsole.Web.Security.Entra;
using Microsoft.AspNetCore.WebUtilities;

namespace AccessConsole.Tests.Security;

public sealed class IdTokenClaimsTests
{
    private const string Issuer = "https://login.example.test/tenant/v2.0";
    private const string ClientId = "console";
    private const string Nonce = "the-nonce";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, object> Claims() => new()
    {
        ["iss"] = Issuer,
        ["aud"] = ClientId,
        ["exp"] = Now.AddMinutes(30).ToUnixTimeSeconds(),
        ["nonce"] = Nonce,
        ["oid"] = "00000000-0000-0000-0000-00000000000a",
        ["sub"] = "pairwise-subject",
        ["name"] = "Ada Manager",
        ["roles"] = new[] { Roles.AccountManager, "SomethingElse" },
    };

    private static string Jwt(Dictionary<string, object> claims) =>
        $"{WebEncoders.Base64UrlEncode("{\"alg\":\"RS256\"}"u8.ToArray())}.{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(claims)))}.c2lnbmF0dXJl";

    private static (IdTokenClaims? Claims, string? Problem) Validate(Dictionary<string, object> claims) =>
        IdTokenClaims.Validate(Jwt(claims), Issuer, ClientId, Nonce, Now);

    [Fact]
    public void A_valid_token_gives_the_object_id_name_and_only_the_known_roles()
    {
        var (claims, problem) = Validate(Claims());

        Assert.Null(problem);
        Assert.Equal("00000000-0000-0000-0000-00000000000a", claims!.ObjectId);
        Assert.Equal("Ada Manager", claims.Name);
        Assert.Equal([Roles.AccountManager], claims.Roles);
    }

    [Fact]
    public void A_single_role_as_a_string_and_an_audience_list_are_read()
    {
        var token = Claims();
        token["roles"] = Roles.Legal;
        token["aud"] = new[] { "other-api", ClientId };

        Assert.Equal([Roles.Legal], Validate(token).Claims!.Roles);
    }

    [Fact]
    public void Without_an_oid_the_subject_names_the_user_and_without_a_name_the_user_name_does()
    {
        var token = Claims();
        token.Remove("oid");
        token.Remove("name");
        token["preferred_username"] = "ada@example.test";

        var claims = Validate(token).Claims!;

        Assert.Equal("pairwise-subject", claims.ObjectId);
        Assert.Equal("ada@example.test", claims.Name);
    }

    [Theory]
    [InlineData("iss", "https://evil.example.test/v2.0", "issuer")]
    [InlineData("aud", "another-client", "another client")]
    [InlineData("azp", "another-client", "another client")]
    [InlineData("nonce", "a-replayed-nonce", "nonce")]
    public void A_claim_that_does_not_match_refuses_the_token(string claim, string value, string reason)
    {
        var token = Claims();
        token[claim] = value;

        var (claims, problem) = Validate(token);

        Assert.Null(claims);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void An_expired_token_and_one_without_a_nonce_are_refused()
    {
        var expired = Claims();
        expired["exp"] = Now.AddMinutes(-10).ToUnixTimeSeconds();
        var withoutNonce = Claims();
        withoutNonce.Remove("nonce");

        Assert.Contains("expired", Validate(expired).Problem);
        Assert.Contains("nonce", Validate(withoutNonce).Problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.!!!.c")]
    [InlineData("a.bnVsbA.c")]
    public void Something_that_is_not_a_token_is_refused_without_an_exception(string? token)
    {
        var (claims, problem) = IdTokenClaims.Validate(token, Issuer, ClientId, Nonce, Now);

        Assert.Null(claims);
        Assert.Equal("the ID token is not a JWT", problem);
    }
}
