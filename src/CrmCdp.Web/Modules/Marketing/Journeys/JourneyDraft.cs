using System.Text.Json;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>A journey as its builder edits it: plain fields per step, turned into the definition the API takes.</summary>
public sealed class JourneyDraft
{
    public string Name { get; set; } = "";

    /// <summary>segment_entered, event, crm or schedule.</summary>
    public string TriggerType { get; set; } = "segment_entered";

    public string CrmChange { get; set; } = "contact.created";

    public string? CrmStage { get; set; }

    public string? CrmPipeline { get; set; }

    /// <summary>The schedule's first time, as typed (ISO 8601, e.g. 2026-12-24T09:00Z).</summary>
    public string? ScheduleAt { get; set; }

    /// <summary>once, daily or weekly.</summary>
    public string ScheduleRepeat { get; set; } = "once";

    public Guid? SegmentId { get; set; }

    public string? TriggerEvent { get; set; }

    /// <summary>The trigger event's property filters as JSON (a list of {field, operator, value}), or empty.</summary>
    public string? TriggerWhere { get; set; }

    public string? GoalEvent { get; set; }

    public bool ReentryAfterDays { get; set; }

    public int ReentryDays { get; set; } = 30;

    /// <summary>Quiet hours as HH:mm (both, or neither).</summary>
    public string? QuietFrom { get; set; }

    public string? QuietTo { get; set; }

    public bool BusinessDaysOnly { get; set; }

    public string? TimeZone { get; set; }

    /// <summary>In order; the first is where people start.</summary>
    public List<StepDraft> Steps { get; set; } = [];

    internal static JourneyDraft From(JourneyDefinition definition)
    {
        var steps = (definition.Steps ?? []).Select(StepDraft.From).ToList();
        // The start step first: the builder starts people at the top.
        var start = steps.FindIndex(s => s.Id == definition.Start);
        if (start > 0)
        {
            var first = steps[start];
            steps.RemoveAt(start);
            steps.Insert(0, first);
        }

        return new JourneyDraft
        {
            Name = definition.Name ?? "",
            TriggerType = definition.Trigger?.Type ?? "segment_entered",
            SegmentId = definition.Trigger?.SegmentId,
            TriggerEvent = definition.Trigger?.Event,
            TriggerWhere = definition.Trigger?.Where is { } where ? where.GetRawText() : null,
            CrmChange = definition.Trigger?.Change ?? "contact.created",
            CrmStage = definition.Trigger?.Stage,
            CrmPipeline = definition.Trigger?.Pipeline,
            ScheduleAt = definition.Trigger?.At?.ToString("yyyy-MM-dd'T'HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture),
            ScheduleRepeat = definition.Trigger?.Repeat ?? "once",
            GoalEvent = definition.Goal?.Event,
            ReentryAfterDays = definition.Reentry?.Mode == "after",
            ReentryDays = definition.Reentry?.Days ?? 30,
            QuietFrom = definition.Sending?.QuietFrom,
            QuietTo = definition.Sending?.QuietTo,
            BusinessDaysOnly = definition.Sending?.BusinessDaysOnly ?? false,
            TimeZone = definition.Sending?.TimeZone,
            Steps = steps,
        };
    }

    internal JourneyDefinition ToDefinition() => new()
    {
        Name = Name,
        Trigger = TriggerType switch
        {
            JourneyTriggerTypes.Event => new JourneyTrigger { Type = TriggerType, Event = Blank(TriggerEvent), Where = string.IsNullOrWhiteSpace(TriggerWhere) ? null : StepDraft.ParseJson(TriggerWhere) },
            JourneyTriggerTypes.Crm => new JourneyTrigger { Type = TriggerType, Change = CrmChange, Stage = Blank(CrmStage), Pipeline = Blank(CrmPipeline) },
            JourneyTriggerTypes.Schedule => new JourneyTrigger
            {
                Type = TriggerType,
                SegmentId = SegmentId,
                At = DateTimeOffset.TryParse(ScheduleAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null,
                Repeat = ScheduleRepeat == "once" ? null : ScheduleRepeat,
            },
            _ => new JourneyTrigger { Type = JourneyTriggerTypes.SegmentEntered, SegmentId = SegmentId },
        },
        Start = Steps.FirstOrDefault()?.Id,
        Steps = [.. Steps.Select(s => s.ToStep())],
        Goal = string.IsNullOrWhiteSpace(GoalEvent) ? null : new JourneyGoal { Event = GoalEvent.Trim() },
        Reentry = ReentryAfterDays ? new JourneyReentry { Mode = "after", Days = ReentryDays } : new JourneyReentry { Mode = "never" },
        Sending = string.IsNullOrWhiteSpace(QuietFrom) && string.IsNullOrWhiteSpace(QuietTo) && !BusinessDaysOnly && string.IsNullOrWhiteSpace(TimeZone) ? null : new JourneySending
        {
            QuietFrom = Blank(QuietFrom),
            QuietTo = Blank(QuietTo),
            BusinessDaysOnly = BusinessDaysOnly,
            TimeZone = Blank(TimeZone),
        },
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Adds a step after the given one (or at the end), with a fresh id, joined into the flow.</summary>
    public StepDraft AddAfter(StepDraft? previous, string type)
    {
        var id = Enumerable.Range(1, 1000).Select(n => $"step{n}").First(candidate => Steps.All(s => s.Id != candidate));
        var step = new StepDraft { Id = id, Type = type };
        var index = previous is null ? Steps.Count : Steps.IndexOf(previous) + 1;
        if (previous is not null && previous.Type is not (JourneyStepTypes.Branch or JourneyStepTypes.Exit))
        {
            (step.Next, previous.Next) = (previous.Next, id);
        }
        else if (previous is null && Steps.LastOrDefault() is { } last && last.Type is not (JourneyStepTypes.Branch or JourneyStepTypes.Exit) && last.Next is null)
        {
            last.Next = id;
        }

        Steps.Insert(index, step);
        return step;
    }

    public void Remove(StepDraft step)
    {
        Steps.Remove(step);
        foreach (var other in Steps)
        {
            other.Next = other.Next == step.Id ? step.Next : other.Next;
            other.Then = other.Then == step.Id ? step.Next : other.Then;
            other.Else = other.Else == step.Id ? step.Next : other.Else;
            other.OnTimeout = other.OnTimeout == step.Id ? step.Next : other.OnTimeout;
        }
    }
}

/// <summary>One step in the builder.</summary>
public sealed class StepDraft
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Id { get; set; } = "";

    public string Type { get; set; } = JourneyStepTypes.SendEmail;

    public string? Next { get; set; }

    public Guid? TemplateId { get; set; }

    public int Amount { get; set; } = 1;

    public string Unit { get; set; } = "days";

    public string Condition { get; set; } = "{ \"type\": \"trait\", \"field\": \"plan\", \"operator\": \"exists\" }";

    public string? Then { get; set; }

    public string? Else { get; set; }

    public string Title { get; set; } = "Call {name}";

    public int DueInDays { get; set; } = 1;

    public string Tag { get; set; } = "";

    /// <summary>wait: duration, until (a moment) or trait (a trait's date).</summary>
    public string WaitMode { get; set; } = "duration";

    /// <summary>wait until: the moment as typed; wait until a trait: the trait.</summary>
    public string? Until { get; set; }

    public string? UntilTrait { get; set; }

    /// <summary>wait_until_event: the event, its property filters (JSON) and where people go on a timeout.</summary>
    public string? Event { get; set; }

    public string? Where { get; set; }

    public string? OnTimeout { get; set; }

    /// <summary>update_field: contact or profile, the field, and the value as typed (true/false and numbers are sent as such; empty clears).</summary>
    public string Target { get; set; } = JourneyFields.Contact;

    public string? Field { get; set; }

    public string? Value { get; set; }

    public Guid? DestinationId { get; set; }

    /// <summary>create_task: empty for the contact's owner, else the team whose members take turns.</summary>
    public Guid? TeamId { get; set; }

    internal static StepDraft From(JourneyStep step) => new()
    {
        Id = step.Id ?? "",
        Type = step.Type ?? JourneyStepTypes.SendEmail,
        Next = step.Next,
        TemplateId = step.TemplateId,
        Condition = step.Condition is { } condition ? JsonSerializer.Serialize(condition, Indented) : "",
        Then = step.Then,
        Else = step.Else,
        Title = step.Title ?? "",
        DueInDays = step.DueInDays ?? 1,
        Tag = step.Tag ?? "",
        WaitMode = step.Until is not null ? "until" : step.UntilTrait is not null ? "trait" : "duration",
        Until = step.Until?.ToString("yyyy-MM-dd'T'HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture),
        UntilTrait = step.UntilTrait,
        Event = step.Event,
        Where = step.Where is { } where ? where.GetRawText() : null,
        OnTimeout = step.OnTimeout,
        Target = step.Target ?? JourneyFields.Contact,
        Field = step.Field,
        Value = step.Value is { ValueKind: JsonValueKind.String } text ? text.GetString() : step.Value is { ValueKind: not JsonValueKind.Null } other ? other.GetRawText() : null,
        DestinationId = step.DestinationId,
        TeamId = step.AssignTo?.TeamId,
        Amount = step.Duration?.Amount ?? step.Timeout?.Amount ?? 1,
        Unit = step.Duration?.Unit ?? step.Timeout?.Unit ?? "days",
    };

    internal JourneyStep ToStep() => Type switch
    {
        JourneyStepTypes.SendEmail => new JourneyStep { Id = Id, Type = Type, Next = Next, TemplateId = TemplateId },
        JourneyStepTypes.Wait => WaitMode switch
        {
            "until" => new JourneyStep { Id = Id, Type = Type, Next = Next, Until = ParseMoment(Until) },
            "trait" => new JourneyStep { Id = Id, Type = Type, Next = Next, UntilTrait = UntilTrait ?? "" },
            _ => new JourneyStep { Id = Id, Type = Type, Next = Next, Duration = new JourneyDuration { Amount = Amount, Unit = Unit } },
        },
        JourneyStepTypes.WaitUntilEvent => new JourneyStep
        {
            Id = Id,
            Type = Type,
            Next = Next,
            OnTimeout = OnTimeout,
            Event = Event?.Trim(),
            Timeout = new JourneyDuration { Amount = Amount, Unit = Unit },
            Where = string.IsNullOrWhiteSpace(Where) ? null : ParseJson(Where),
        },
        JourneyStepTypes.Branch => new JourneyStep { Id = Id, Type = Type, Condition = ParseJson(Condition), Then = Then, Else = Else },
        JourneyStepTypes.CreateTask => new JourneyStep
        {
            Id = Id,
            Type = Type,
            Next = Next,
            Title = Title,
            DueInDays = DueInDays,
            AssignTo = TeamId is { } team ? new JourneyAssignee { Mode = "round_robin", TeamId = team } : null,
        },
        JourneyStepTypes.AddTag => new JourneyStep { Id = Id, Type = Type, Next = Next, Tag = Tag },
        JourneyStepTypes.UpdateField => new JourneyStep { Id = Id, Type = Type, Next = Next, Target = Target, Field = Field?.Trim(), Value = TypedValue(Value) },
        JourneyStepTypes.Webhook => new JourneyStep { Id = Id, Type = Type, Next = Next, DestinationId = DestinationId },
        _ => new JourneyStep { Id = Id, Type = Type },
    };

    private static DateTimeOffset? ParseMoment(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var moment) ? moment : null;

    /// <summary>What a marketer typed as a value: true/false and numbers as such, empty as null (clears), anything else as text.</summary>
    private static JsonElement? TypedValue(string? text) => text?.Trim() switch
    {
        null or "" => null,
        "true" => JsonSerializer.SerializeToElement(true),
        "false" => JsonSerializer.SerializeToElement(false),
        var typed when decimal.TryParse(typed, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonSerializer.SerializeToElement(number),
        var typed => JsonSerializer.SerializeToElement(typed),
    };

    /// <summary>Unparseable text is sent as a JSON string, which the validator refuses where it stands.</summary>
    internal static JsonElement ParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
