using System.Text.Json;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>A journey as its builder edits it: plain fields per step, turned into the definition the API takes.</summary>
public sealed class JourneyDraft
{
    public string Name { get; set; } = "";

    /// <summary>segment_entered or event.</summary>
    public string TriggerType { get; set; } = "segment_entered";

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
        Trigger = TriggerType == "event"
            ? new JourneyTrigger { Type = "event", Event = Blank(TriggerEvent), Where = string.IsNullOrWhiteSpace(TriggerWhere) ? null : StepDraft.ParseJson(TriggerWhere) }
            : new JourneyTrigger { Type = "segment_entered", SegmentId = SegmentId },
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
        if (previous is not null && previous.Type != JourneyStepTypes.Branch && previous.Type != JourneyStepTypes.Exit)
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

    internal static StepDraft From(JourneyStep step) => new()
    {
        Id = step.Id ?? "",
        Type = step.Type ?? JourneyStepTypes.SendEmail,
        Next = step.Next,
        TemplateId = step.TemplateId,
        Amount = step.Duration?.Amount ?? 1,
        Unit = step.Duration?.Unit ?? "days",
        Condition = step.Condition is { } condition ? JsonSerializer.Serialize(condition, Indented) : "",
        Then = step.Then,
        Else = step.Else,
        Title = step.Title ?? "",
        DueInDays = step.DueInDays ?? 1,
        Tag = step.Tag ?? "",
    };

    internal JourneyStep ToStep() => Type switch
    {
        JourneyStepTypes.SendEmail => new JourneyStep { Id = Id, Type = Type, Next = Next, TemplateId = TemplateId },
        JourneyStepTypes.Wait => new JourneyStep { Id = Id, Type = Type, Next = Next, Duration = new JourneyDuration { Amount = Amount, Unit = Unit } },
        JourneyStepTypes.Branch => new JourneyStep { Id = Id, Type = Type, Condition = ParseJson(Condition), Then = Then, Else = Else },
        JourneyStepTypes.CreateTask => new JourneyStep { Id = Id, Type = Type, Next = Next, Title = Title, DueInDays = DueInDays },
        JourneyStepTypes.AddTag => new JourneyStep { Id = Id, Type = Type, Next = Next, Tag = Tag },
        _ => new JourneyStep { Id = Id, Type = Type },
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
