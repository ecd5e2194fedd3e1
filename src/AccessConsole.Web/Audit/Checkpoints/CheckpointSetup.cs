using AccessConsole.Web.Security;
using Microsoft.Extensions.Options;

namespace AccessConsole.Web.Audit.Checkpoints;

public static class CheckpointSetup
{
    public const string PublicKeyPath = "/audit/public-key.pem";

    public static void AddAuditCheckpoints(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CheckpointOptions>(builder.Configuration.GetSection(CheckpointOptions.Section));
        var environment = builder.Environment;
        builder.Services.AddSingleton(services => CheckpointSigningKey.Load(
            services.GetRequiredService<IOptions<CheckpointOptions>>().Value, environment.ContentRootPath, environment.IsDevelopment()));
        builder.Services.AddSingleton(services =>
        {
            var folder = services.GetRequiredService<IOptions<CheckpointOptions>>().Value.WitnessFolder;
            return new CheckpointWitness(folder is { Length: > 0 } ? Path.GetFullPath(folder, environment.ContentRootPath) : null);
        });
        builder.Services.AddSingleton<CheckpointService>();
        builder.Services.AddSingleton<CheckpointVerifier>();
        builder.Services.AddHostedService<CheckpointSchedule>();
    }

    /// <summary>The public key that checks checkpoints and export manifests, for Legal and Admin.</summary>
    public static void MapCheckpointPublicKey(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(PublicKeyPath, (CheckpointService checkpoints) => Results.Text(checkpoints.PublicKeyPem, "application/x-pem-file"))
            .RequireAuthorization(Policies.ReadAudit);
}
