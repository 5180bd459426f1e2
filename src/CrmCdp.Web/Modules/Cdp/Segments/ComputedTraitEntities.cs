using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// A value computed for every profile from its events in a window: an aggregate of one event (with property filters)
/// of a kind in <see cref="ComputedTraitKinds"/>, or a score: each rule's points for every matching event, decayed by
/// the event's age when a half-life is set, summed and optionally capped (the seeded intent score is one).
/// </summary>
internal sealed class ComputedTrait
{
    public Guid Id { get; set; }

    /// <summary>The name segments and the API use (<c>intent_score</c>).</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>One of <see cref="ComputedTraitKinds"/>.</summary>
    public string Kind { get; set; } = ComputedTraitKinds.Score;

    /// <summary>The event aggregated (every kind but score).</summary>
    public string? Event { get; set; }

    /// <summary>The event property aggregated (dots reach into objects), for the kinds that need one.</summary>
    public string? Property { get; set; }

    /// <summary>The event's property filters (jsonb list of trait-like conditions), or null.</summary>
    public string? Where { get; set; }

    /// <summary>The window in days, used when <see cref="Within"/> is not set.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>The window as {amount, unit} (jsonb), or null for <see cref="WindowDays"/>.</summary>
    public string? Within { get; set; }

    /// <summary>The score's rules (jsonb array of {event, where, points, halfLifeDays}).</summary>
    public string Rules { get; set; } = "[]";

    /// <summary>The score's default half-life in days (a rule may set its own); null for no decay.</summary>
    public decimal? HalfLifeDays { get; set; }

    public decimal? Cap { get; set; }

    public DateTimeOffset? LastComputedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A computed trait's value for one profile; a missing row means 0.</summary>
internal sealed class ProfileComputedValue
{
    public Guid ProfileId { get; set; }

    public string Key { get; set; } = "";

    /// <summary>The value when it is a number (0 when it is text).</summary>
    public decimal Value { get; set; }

    /// <summary>The value when it is text (a first, last or most frequent value that is not a number), else null.</summary>
    public string? TextValue { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}

/// <summary>A score's rule: every <paramref name="Event"/> matching <paramref name="Where"/> is worth <paramref name="Points"/>, halved every <paramref name="HalfLifeDays"/> of its age.</summary>
public sealed record ComputedTraitRule(string Event, decimal Points, List<SegmentCondition>? Where = null, decimal? HalfLifeDays = null);

/// <summary>What a computed trait computes.</summary>
public static class ComputedTraitKinds
{
    public const string Count = "count";
    public const string Sum = "sum";
    public const string Average = "avg";
    public const string Min = "min";
    public const string Max = "max";
    public const string First = "first";
    public const string Last = "last";
    public const string MostFrequent = "most_frequent";
    public const string UniqueCount = "unique_count";
    public const string DaysSinceLast = "days_since_last";
    public const string Score = "score";

    public static IReadOnlyList<string> All { get; } = [Count, Sum, Average, Min, Max, First, Last, MostFrequent, UniqueCount, DaysSinceLast, Score];

    /// <summary>A value as people read it: numbers to two decimals at most, text as it is.</summary>
    public static string Display(object value) => value is decimal number ? number.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture) : value.ToString() ?? "";

    /// <summary>The kinds that aggregate one event property.</summary>
    public static bool NeedsProperty(string kind) => kind is Sum or Average or Min or Max or First or Last or MostFrequent or UniqueCount;
}

internal sealed class ComputedTraitConfiguration : IEntityTypeConfiguration<ComputedTrait>, IEntityTypeConfiguration<ProfileComputedValue>
{
    public void Configure(EntityTypeBuilder<ComputedTrait> builder)
    {
        builder.ToTable("cdp_computed_traits");
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Rules).HasColumnType("jsonb");
        builder.Property(t => t.Kind).HasMaxLength(20);
        builder.Property(t => t.Event).HasMaxLength(255);
        builder.Property(t => t.Property).HasMaxLength(100);
        builder.Property(t => t.Where).HasColumnType("jsonb");
        builder.Property(t => t.Within).HasColumnType("jsonb");
        builder.HasIndex(t => t.Key).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ProfileComputedValue> builder)
    {
        builder.ToTable("cdp_profile_computed");
        builder.HasKey(v => new { v.ProfileId, v.Key });
        builder.Property(v => v.Key).HasMaxLength(64);
        builder.Property(v => v.TextValue).HasMaxLength(500);
        builder.HasIndex(v => new { v.Key, v.Value });
    }
}
