using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>The admin's identity rules as stored (one row); missing parts fall back to the defaults.</summary>
internal sealed class IdentitySettings
{
    public const string SingletonName = "default";

    public string Name { get; set; } = SingletonName;

    /// <summary>jsonb: { "priority": [...], "limits": { type: n }, "blockedValues": [...], "blockedPatterns": [...] }.</summary>
    public string Rules { get; set; } = "{}";

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedByUserId { get; set; }
}

internal sealed class IdentitySettingsConfiguration : IEntityTypeConfiguration<IdentitySettings>
{
    public void Configure(EntityTypeBuilder<IdentitySettings> builder)
    {
        builder.ToTable("cdp_identity_settings");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(20);
        builder.Property(s => s.Rules).HasColumnType("jsonb");
    }
}

/// <summary>The rules as the admin wrote them (JSON shape of the API).</summary>
public sealed record IdentityRulesDto(IReadOnlyList<string> Priority, IReadOnlyDictionary<string, int> Limits, IReadOnlyList<string> BlockedValues, IReadOnlyList<string> BlockedPatterns)
{
    public static IdentityRulesDto From(IdentityRules rules) =>
        new(rules.Priority, rules.Limits, [.. rules.BlockedValues.Order(StringComparer.Ordinal)], [.. rules.BlockedPatterns]);

    public IdentityRules ToRules() => new(Priority, Limits, BlockedValues, BlockedPatterns);
}

/// <summary>Hands the resolver the current rules (cached briefly; a save takes effect on the next batch).</summary>
[SystemAccess("The resolver and the services read the current identity rules through this cache.")]
internal sealed class IdentityRulesProvider(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private (IdentityRules Rules, DateTimeOffset LoadedAt)? _cached;

    public async Task<IdentityRules> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } cached && timeProvider.GetUtcNow() - cached.LoadedAt < Lifetime)
        {
            return cached.Rules;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<IdentitySettings>().AsNoTracking().SingleOrDefaultAsync(s => s.Name == IdentitySettings.SingletonName, cancellationToken);
        var rules = stored is null ? new IdentityRules() : (JsonSerializer.Deserialize<IdentityRulesDto>(stored.Rules, Json) ?? IdentityRulesDto.From(new IdentityRules())).ToRules();
        _cached = (rules, timeProvider.GetUtcNow());
        return rules;
    }

    public void Invalidate() => _cached = null;

    public static string Serialize(IdentityRulesDto rules) => JsonSerializer.Serialize(rules, Json);
}
