namespace CrmCdp.Web.Modules.Cdp.Segments;

public sealed class SegmentInput
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public SegmentCondition? Definition { get; set; }

    /// <summary>Use the audience only for profiles that granted this consent category (e.g. Advertising, email, sms).</summary>
    public string? ConsentCategory { get; set; }

    public bool ActivationEnabled { get; set; }

    /// <summary>The CRM task's title; {segment} and {name} are filled in.</summary>
    public string? TaskTitle { get; set; }

    public int? TaskDueInDays { get; set; }

    /// <summary>Required on update: the version read, so a concurrent edit is not overwritten.</summary>
    public uint? Version { get; set; }
}

public sealed record SegmentDto(
    Guid Id, string Name, string? Description, SegmentCondition Definition, string? ConsentCategory, bool ActivationEnabled, DateTimeOffset? ActivationEnabledAt,
    string TaskTitle, int TaskDueInDays, long MemberCount, DateTimeOffset? LastComputedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version)
{
    /// <summary>The definition in plain words (<see cref="SegmentSummary"/>).</summary>
    public string Summary { get; init; } = "";

    /// <summary>A fixed list of people (made from an insight): members stay as they were put in; the definition is empty and cannot be edited.</summary>
    public bool IsStatic { get; init; }
}

/// <summary>A segment's definition as a file: what <c>GET /segments/{id}/definition</c> answers and <c>POST /segments</c> takes back.</summary>
public sealed record SegmentDefinitionFile(string Name, string? Description, SegmentCondition Definition, string? ConsentCategory);

public sealed class SegmentPreviewInput
{
    public SegmentCondition? Definition { get; set; }
}

public sealed record SegmentPreview(long Count, long LiveProfiles, IReadOnlyList<Guid> Sample);

public sealed record SegmentMemberDto(Guid ProfileId, DateTimeOffset EnteredAt, Guid? ContactId, DateTimeOffset LastSeenAt, long EventCount, bool Consented)
{
    /// <summary>The profile's first user id, if it has one.</summary>
    public string? UserId { get; init; }

    /// <summary>The profile's first email, masked unless the caller may see personal data.</summary>
    public string? Email { get; init; }

    /// <summary>The linked contact's name as the caller may see it; null when the contact is beyond their reach.</summary>
    public string? ContactName { get; init; }
}

public sealed record SegmentMemberPage(IReadOnlyList<SegmentMemberDto> Items, string? NextCursor);

public sealed record SegmentDayStats(DateOnly Day, long Entered, long Exited);

public sealed record SegmentStats(IReadOnlyList<SegmentDayStats> Days, IReadOnlyDictionary<string, long> Activations);

/// <summary>A profile's membership, as its profile page and the API show it.</summary>
public sealed record ProfileSegmentDto(Guid Id, string Name, DateTimeOffset EnteredAt);
