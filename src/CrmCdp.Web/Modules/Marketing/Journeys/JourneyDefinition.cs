using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>A journey as the API takes and returns it: a trigger, steps joined by their ids, a goal and a re-entry rule.</summary>
internal sealed record JourneyDefinition
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string? Name { get; init; }

    public JourneyTrigger? Trigger { get; init; }

    public string? Start { get; init; }

    public List<JourneyStep>? Steps { get; init; }

    public JourneyGoal? Goal { get; init; }

    public JourneyReentry? Reentry { get; init; }

    public JourneySending? Sending { get; init; }


    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static JourneyDefinition Parse(string json) => JsonSerializer.Deserialize<JourneyDefinition>(json, Json) ?? new JourneyDefinition();

    public JourneyStep? Step(string? id) => id is null ? null : Steps?.FirstOrDefault(s => s.Id == id);
}

internal sealed record JourneyTrigger
{
    /// <summary>segment_entered or event (crm and schedule are not available yet).</summary>
    public string? Type { get; init; }

    public Guid? SegmentId { get; init; }

    /// <summary>event: the event's name (or type, e.g. page).</summary>
    public string? Event { get; init; }

    /// <summary>event: property filters (<c>{field, operator, value}</c>, the segment operators) the event must meet.</summary>
    public JsonElement? Where { get; init; }

    /// <summary>The event condition that tests one event: the event and its filters (the window is not used for one event).</summary>
    public JsonElement EventCondition() => JsonSerializer.SerializeToElement(new { type = "event", @event = Event, @operator = "at_least", count = 1, withinDays = 365, where = Where }, JourneyDefinition.Json);
}

internal sealed record JourneyStep
{
    public string? Id { get; init; }

    /// <summary>send_email, wait, branch, create_task, add_tag or exit.</summary>
    public string? Type { get; init; }

    public string? Next { get; init; }

    /// <summary>send_email: the email template.</summary>
    public Guid? TemplateId { get; init; }

    /// <summary>wait: how long.</summary>
    public JourneyDuration? Duration { get; init; }

    /// <summary>branch: a segment condition (the segment definition JSON) the person is tested against.</summary>
    public JsonElement? Condition { get; init; }

    public string? Then { get; init; }

    public string? Else { get; init; }

    /// <summary>create_task: the title ({name} becomes the contact's name).</summary>
    public string? Title { get; init; }

    /// <summary>create_task: due this many days after the step (default 1).</summary>
    public int? DueInDays { get; init; }

    /// <summary>add_tag: the tag added to the person's contact.</summary>
    public string? Tag { get; init; }

    /// <summary>Where the step leads: next, or a branch's two ways.</summary>
    [JsonIgnore]
    public IEnumerable<(string Field, string? Target)> Exits => Type == JourneyStepTypes.Branch ? [("then", Then), ("else", Else)] : [("next", Next)];
}

internal sealed record JourneyDuration
{
    public int Amount { get; init; }

    /// <summary>seconds, minutes, hours or days.</summary>
    public string? Unit { get; init; }

    public TimeSpan? ToTimeSpan() => Unit switch
    {
        "seconds" => TimeSpan.FromSeconds(Amount),
        "minutes" => TimeSpan.FromMinutes(Amount),
        "hours" => TimeSpan.FromHours(Amount),
        "days" => TimeSpan.FromDays(Amount),
        _ => null,
    };
}

/// <summary>The event that ends the journey for the person who performs it.</summary>
internal sealed record JourneyGoal
{
    public string? Event { get; init; }
}

internal sealed record JourneyReentry
{
    /// <summary>never (the default) or after (a number of days after the person last entered).</summary>
    public string? Mode { get; init; }

    public int? Days { get; init; }
}

/// <summary>When the journey's emails may go out: not in quiet hours, and only on business days if asked, in the person's zone.</summary>
internal sealed record JourneySending
{
    /// <summary>Quiet hours start ("21:00"), in the person's time zone.</summary>
    public string? QuietFrom { get; init; }

    /// <summary>Quiet hours end ("08:00"); a window may cross midnight.</summary>
    public string? QuietTo { get; init; }

    /// <summary>Send Monday to Friday only.</summary>
    public bool BusinessDaysOnly { get; init; }

    /// <summary>The zone (IANA id) for people without a <c>timezone</c> trait; UTC when empty.</summary>
    public string? TimeZone { get; init; }

    public static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time) ? time : null;
}

internal static class JourneyStepTypes
{
    public const string SendEmail = "send_email";
    public const string Wait = "wait";
    public const string Branch = "branch";
    public const string CreateTask = "create_task";
    public const string AddTag = "add_tag";
    public const string Exit = "exit";

    public static readonly string[] Available = [SendEmail, Wait, Branch, CreateTask, AddTag, Exit];

    /// <summary>Named by the journey contract, not built yet: a definition using them is refused, never half-run.</summary>
    public static readonly string[] NotYetAvailable = ["wait_until_event", "update_field", "webhook"];
}
