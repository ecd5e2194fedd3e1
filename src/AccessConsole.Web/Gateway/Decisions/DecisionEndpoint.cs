using System.Text.Json;
using System.Text.RegularExpressions;

namespace AccessConsole.Web.Gateway.Decisions;

/// <summary>
/// <c>POST /api/v1/decisions</c>: up to 100 questions a call; malformed input is a 400 naming the field, a body over
/// 64 KiB a 413.
/// </summary>
public static partial class DecisionEndpoint
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> HandleAsync(HttpRequest request, DecisionService decisions, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        var (outcome, batch) = await LimitedJsonBody.ReadAsync<DecisionBatch>(request.Body, MaxBodyBytes, Json, cancellationToken);
        if (outcome == BodyOutcome.TooLarge) return TooLarge();
        if (outcome == BodyOutcome.NotJson) return Problem("body", "The body is not valid JSON of the form {\"items\": [{\"keyHash\": \"…\"}]}.");

        var errors = Validate(batch);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The request has invalid fields.");
        return Results.Ok(await decisions.DecideAsync(batch!.Items!, cancellationToken));
    }

    private static Dictionary<string, string[]> Validate(DecisionBatch? batch)
    {
        var errors = new Dictionary<string, string[]>();
        if (batch?.Items is not { } items || items.Count == 0)
        {
            errors["items"] = ["Ask about at least one key."];
            return errors;
        }
        if (items.Count > GatewaySettings.MaxItems)
        {
            errors["items"] = [$"Ask about at most {GatewaySettings.MaxItems} keys a call."];
            return errors;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null) errors[$"items[{i}]"] = ["An item is missing."];
            else if (item.KeyHash is not { Length: 64 } hash || !hash.All(Uri.IsHexDigit)) errors[$"items[{i}].keyHash"] = ["Give the SHA-256 of the key as 64 hexadecimal characters."];
            else if (item.ClientId is { } client && !Token().IsMatch(client)) errors[$"items[{i}].clientId"] = ["A client identifier is 1 to 200 letters, digits, '.', '_', '-' or '/'."];
            else if (item.ModelFamily is { } model && !Token().IsMatch(model)) errors[$"items[{i}].modelFamily"] = ["A model family is 1 to 200 letters, digits, '.', '_', '-' or '/'."];
        }
        return errors;
    }

    private static IResult TooLarge() => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["body"] = [$"The body must be at most {MaxBodyBytes / 1024} KiB."] },
        title: "The request body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static IResult Problem(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request has invalid fields.");

    [GeneratedRegex("^[A-Za-z0-9._/-]{1,200}$")]
    private static partial Regex Token();
}
