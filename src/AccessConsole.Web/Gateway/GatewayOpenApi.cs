using AccessConsole.Web.Gateway.Decisions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AccessConsole.Web.Gateway;

/// <summary>
/// The anonymous OpenAPI document: the gateway API and its bearer credential, nothing of the console. Parts the
/// endpoints read by hand (to name bad fields in the answer) are described here instead of by binding metadata.
/// </summary>
public static class GatewayOpenApi
{
    public const string DecideOperation = "Decide";
    public const string ChangesOperation = "Changes";
    private const string CredentialScheme = "GatewayCredential";

    public static void AddGatewayOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            AddCredentialScheme(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (operation.OperationId == DecideOperation) operation.RequestBody = await DecisionBodyAsync(context, cancellationToken);
            if (operation.OperationId == ChangesOperation) operation.Parameters = ChangeFeedParameters();
        });
    });

    private static void AddCredentialScheme(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[CredentialScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A service credential (acgw_…) created by an Admin at /admin/service-credentials.",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CredentialScheme, document)] = [] };
        foreach (var path in document.Paths.Values)
        {
            if (path.Operations is null) continue;
            foreach (var operation in path.Operations.Values) operation.Security = [requirement];
        }
    }

    // Accepts metadata would describe the body too, but would make routing answer 415 before authentication answers 401.
    private static async Task<OpenApiRequestBody> DecisionBodyAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken) => new()
    {
        Required = true,
        Description = "At most 64 KiB.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(DecisionBatch), null, cancellationToken) },
        },
    };

    private static List<IOpenApiParameter> ChangeFeedParameters() =>
    [
        Query("after", "int64", "The sequence to read after (0 or more; default 0)."),
        Query("wait", "int32", $"Seconds to wait for a change when there is none (0 to {GatewaySettings.MaxWaitSeconds}; default 0)."),
    ];

    private static OpenApiParameter Query(string name, string format, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = format },
    };
}
