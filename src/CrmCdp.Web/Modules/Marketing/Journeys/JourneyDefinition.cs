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
    /// <summary>segment_entered, event, crm or schedule (people are also enrolled by hand, whatever the trigger).</summary>
    public string? Type { get; init; }

    /// <summary>segment_entered: the segment; schedule: the segment whose members are enrolled at each time.</summary>
    public Guid? SegmentId { get; init; }

    /// <summary>crm: the change (<see cref="JourneyCrmChanges"/>).</summary>
    public string? Change { get; init; }

    /// <summary>crm deal.stage_changed: only moves into this stage (its name, without case).</summary>
    public string? Stage { get; init; }

    /// <summary>crm deal changes: only deals of this pipeline (its name, without case).</summary>
    public string? Pipeline { get; init; }

    /// <summary>schedule: the first (or only) time.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>schedule: none (once), daily or weekly after <see cref="At"/>.</summary>
    public string? Repeat { get; init; }

    /// <summary>event: the event's name (or type, e.g. page).</summary>
    public string? Event { get; init; }

    /// <summary>event: property filters (<c>{field, operator, value}</c>, the segment operators) the event must meet.</summary>
    public JsonElement? Where { get; init; }

    /// <summary>The event condition that tests one event: the event and its filters (the window is not used for one event).</summary>
    public JsonElement EventCondition() => EventConditionOf(Event, Where);

    public static JsonElement EventConditionOf(string? eventName, JsonElement? where) =>
        JsonSerializer.SerializeToElement(new { type = "event", @event = eventName, @operator = "at_least", count = 1, withinDays = 365, where }, JourneyDefinition.Json);
}

internal sealed record JourneyStep
{
    public string? Id { get; init; }

    /// <summary>One of <see cref="JourneyStepTypes.Available"/>.</summary>
    public string? Type { get; init; }

    public string? Next { get; init; }

    /// <summary>send_email: the email template.</summary>
    public Guid? TemplateId { get; init; }

    /// <summary>wait: how long.</summary>
    public JourneyDuration? Duration { get; init; }

    /// <summary>wait: until this moment (instead of a duration).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>wait: until the moment a trait of the person holds (an ISO 8601 date), e.g. renewal_date.</summary>
    public string? UntilTrait { get; init; }

    /// <summary>wait_until_event: the event (or type) waited for; the goal of <see cref="Next"/>.</summary>
    public string? Event { get; init; }

    /// <summary>wait_until_event: property filters the event must meet (the segment operators).</summary>
    public JsonElement? Where { get; init; }

    /// <summary>wait_until_event: how long to wait before taking <see cref="OnTimeout"/>.</summary>
    public JourneyDuration? Timeout { get; init; }

    /// <summary>wait_until_event: where the person goes when the event did not come in time (null ends the journey).</summary>
    public string? OnTimeout { get; init; }

    /// <summary>update_field: contact (a field of the linked contact) or profile (a trait).</summary>
    public string? Target { get; init; }

    /// <summary>update_field: the contact field (<see cref="JourneyFields.Contact"/>, or custom.{key}) or the trait.</summary>
    public string? Field { get; init; }

    /// <summary>update_field: the value to set (text, number, true/false, or null to clear).</summary>
    public JsonElement? Value { get; init; }

    /// <summary>webhook: the destination the person's step is sent to.</summary>
    public Guid? DestinationId { get; init; }

    /// <summary>create_task: who gets the task (the contact's owner by default).</summary>
    public JourneyAssignee? AssignTo { get; init; }

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
    public IEnumerable<(string Field, string? Target)> Exits => Type switch
    {
        JourneyStepTypes.Branch => [("then", Then), ("else", Else)],
        JourneyStepTypes.WaitUntilEvent => [("next", Next), ("onTimeout", OnTimeout)],
        JourneyStepTypes.Exit => [],
        _ => [("next", Next)],
    };

    /// <summary>Time passes on these steps, so a loop through one does not spin.</summary>
    [JsonIgnore]
    public bool Waits => Type is JourneyStepTypes.Wait or JourneyStepTypes.WaitUntilEvent;

    /// <summary>The event condition that tests one event of a wait_until_event step.</summary>
    public JsonElement EventCondition() => JourneyTrigger.EventConditionOf(Event, Where);

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

/// <summary>Who a create_task step's task goes to.</summary>
internal sealed record JourneyAssignee
{
    /// <summary>owner (the contact's owner, the default) or round_robin (the team's members in turn, skipping those away).</summary>
    public string? Mode { get; init; }

    /// <summary>round_robin: the team.</summary>
    public Guid? TeamId { get; init; }
}

internal static class JourneyStepTypes
{
    public const string SendEmail = "send_email";
    public const string Wait = "wait";
    public const string WaitUntilEvent = "wait_until_event";
    public const string Branch = "branch";
    public const string CreateTask = "create_task";
    public const string UpdateField = "update_field";
    public const string AddTag = "add_tag";
    public const string Webhook = "webhook";
    public const string Exit = "exit";

    public static readonly string[] Available = [SendEmail, Wait, WaitUntilEvent, Branch, CreateTask, UpdateField, AddTag, Webhook, Exit];
}

internal static class JourneyTriggerTypes
{
    public const string SegmentEntered = "segment_entered";
    public const string Event = "event";
    public const string Crm = "crm";
    public const string Schedule = "schedule";

    public static readonly string[] All = [SegmentEntered, Event, Crm, Schedule];
}

/// <summary>The CRM changes a journey can start from (facts the CRM publishes).</summary>
internal static class JourneyCrmChanges
{
    public static readonly string[] All = ["contact.created", "deal.stage_changed", "deal.won", "deal.lost", "ticket.solved"];
}

internal static class JourneyFields
{
    public const string Contact = "contact";
    public const string Profile = "profile";
}
