using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccessConsole.Web.Access;

public static class AccessSubjectConfiguration
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Maps the shared access columns of a subject; call from each subject's configuration.</summary>
    public static void ConfigureAccess<T>(this EntityTypeBuilder<T> builder) where T : AccessSubject
    {
        builder.Property(s => s.AccessState).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Restriction)
            .HasConversion(
                r => r == null ? null : JsonSerializer.Serialize(r, Json),
                json => json == null ? null : JsonSerializer.Deserialize<Restriction>(json, Json))
            .HasMaxLength(4000);
        builder.Property(s => s.AccessVersion).IsConcurrencyToken();
        builder.Property(s => s.AccessReasonCode).HasMaxLength(64);
        builder.Property(s => s.AccessChangedBy).HasMaxLength(200);
        builder.HasIndex(s => s.AccessState);
        builder.HasIndex(s => s.AccessUntil);
        builder.Ignore(s => s.Access);
        builder.Ignore(s => s.Provenance);
    }
}
