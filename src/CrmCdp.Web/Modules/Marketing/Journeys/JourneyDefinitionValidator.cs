using System.Text.RegularExpressions;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Platform.Email;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>
/// Refuses a journey that could not run as written, naming the step: an unknown step type, a way to a step that does not
/// exist, a loop with no wait in it (it would spin), a template, segment or condition that is not there or not valid.
/// </summary>
[SystemAccess("Validation of a definition the caller's service is already allowed to change.")]
internal sealed partial class JourneyDefinitionValidator(ICdpProfilesForMarketing profiles)
{
    private const int MaxSteps = 100;

    public async Task<Dictionary<string, string[]>> ValidateAsync(AppDbContext db, JourneyDefinition? definition, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string key, string message) => errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
        if (definition is null)
        {
            Add("definition", "Send the journey's definition.");
            return errors;
        }

        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 200)
        {
            Add("name", "Give the journey a name of at most 200 characters.");
        }

        await CheckTriggerAsync(db, definition.Trigger, Add, cancellationToken);
        var steps = definition.Steps ?? [];
        if (steps.Count == 0 || steps.Count > MaxSteps)
        {
            Add("steps", $"A journey has between 1 and {MaxSteps} steps.");
            return errors;
        }

        var ids = steps.Select(s => s.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            await CheckStepAsync(db, steps, i, ids, Add, cancellationToken);
        }

        if (string.IsNullOrEmpty(definition.Start) || !ids.Contains(definition.Start))
        {
            Add("start", $"The start step '{definition.Start}' is not one of the steps.");
        }

        if (LoopWithoutWait(steps) is { } looping)
        {
            Add($"steps[{steps.FindIndex(s => s.Id == looping)}]", $"Step '{looping}' is on a loop with no wait step in it; a person would go round it forever.");
        }

        if (definition.Goal is { } goal && (string.IsNullOrWhiteSpace(goal.Event) || goal.Event.Length > 200))
        {
            Add("goal.event", "The goal names the event that ends the journey (at most 200 characters).");
        }

        if (definition.Reentry is { } reentry && !(reentry.Mode is null or "never" || (reentry.Mode == "after" && reentry.Days is >= 1 and <= 3650)))
        {
            Add("reentry", "Re-entry is { \"mode\": \"never\" } or { \"mode\": \"after\", \"days\": 1–3650 }.");
        }

        if (definition.Sending is { } sending)
        {
            CheckSending(sending, Add);
        }

        return errors;
    }

    private static void CheckSending(JourneySending sending, Action<string, string> add)
    {
        foreach (var (field, text) in new[] { ("quietFrom", sending.QuietFrom), ("quietTo", sending.QuietTo) })
        {
            if (text is not null && JourneySending.Time(text) is null)
            {
                add($"sending.{field}", "Give quiet hours as HH:mm, e.g. 21:00.");
            }
        }

        if ((sending.QuietFrom is null) != (sending.QuietTo is null))
        {
            add("sending", "Quiet hours need both quietFrom and quietTo.");
        }

        if (sending.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            add("sending.timeZone", $"'{zone}' is not a time zone; use an IANA id such as Europe/Paris.");
        }
    }

    private async Task CheckTriggerAsync(AppDbContext db, JourneyTrigger? trigger, Action<string, string> add, CancellationToken cancellationToken)
    {
        switch (trigger?.Type)
        {
            case "segment_entered" when trigger.SegmentId is { } segmentId:
                if (!await profiles.SegmentExistsAsync(db, segmentId, cancellationToken))
                {
                    add("trigger.segmentId", $"There is no segment {segmentId}.");
                }

                break;
            case "segment_entered":
                add("trigger.segmentId", "A segment_entered trigger names the segment.");
                break;
            case "event" when string.IsNullOrWhiteSpace(trigger.Event) || trigger.Event.Length > 200:
                add("trigger.event", "An event trigger names the event (at most 200 characters).");
                break;
            case "event":
                foreach (var (key, messages) in await profiles.CheckConditionAsync(db, trigger.EventCondition(), "trigger", cancellationToken))
                {
                    add(key, string.Join(" ", messages));
                }

                break;
            case "crm" or "schedule":
                add("trigger.type", $"The {trigger.Type} trigger is not available yet; use segment_entered or event.");
                break;
            default:
                add("trigger.type", "The trigger's type must be segment_entered or event.");
                break;
        }
    }

    private async Task CheckStepAsync(AppDbContext db, List<JourneyStep> steps, int index, HashSet<string> ids, Action<string, string> add, CancellationToken cancellationToken)
    {
        var step = steps[index];
        var at = $"steps[{index}]";
        var name = $"Step '{step.Id}'";
        if (string.IsNullOrEmpty(step.Id) || !StepId().IsMatch(step.Id))
        {
            add($"{at}.id", "Each step has an id of 1–40 letters, digits, '-' or '_'.");
        }
        else if (steps.Count(s => s.Id == step.Id) > 1)
        {
            add($"{at}.id", $"{name} appears more than once; step ids are unique.");
        }

        if (JourneyStepTypes.NotYetAvailable.Contains(step.Type))
        {
            add($"{at}.type", $"{name}: the {step.Type} step is not available yet.");
            return;
        }

        if (!JourneyStepTypes.Available.Contains(step.Type))
        {
            add($"{at}.type", $"{name} has the unknown type '{step.Type}'; use one of {string.Join(", ", JourneyStepTypes.Available)}.");
            return;
        }

        foreach (var (field, target) in step.Type == JourneyStepTypes.Exit ? [] : step.Exits)
        {
            if (target is not null && !ids.Contains(target))
            {
                add($"{at}.{field}", $"{name} goes to '{target}', which is not one of the steps.");
            }
        }

        switch (step.Type)
        {
            case JourneyStepTypes.SendEmail when step.TemplateId is not { } templateId || !await db.Set<EmailTemplate>().AnyAsync(t => t.Id == templateId, cancellationToken):
                add($"{at}.templateId", $"{name} needs an existing email template.");
                break;
            case JourneyStepTypes.Wait when step.Duration is not { Amount: >= 1 and <= 100_000 } duration || duration.ToTimeSpan() is null:
                add($"{at}.duration", $"{name} waits an amount of 1 or more seconds, minutes, hours or days, e.g. {{ \"amount\": 1, \"unit\": \"minutes\" }}.");
                break;
            case JourneyStepTypes.Branch when step.Condition is not { } condition:
                add($"{at}.condition", $"{name} needs a condition (the segment definition JSON).");
                break;
            case JourneyStepTypes.Branch:
                foreach (var (key, messages) in await profiles.CheckConditionAsync(db, step.Condition!.Value, $"{at}.condition", cancellationToken))
                {
                    add(key, $"{name}: {string.Join(" ", messages)}");
                }

                break;
            case JourneyStepTypes.CreateTask when string.IsNullOrWhiteSpace(step.Title) || step.Title.Length > 300:
                add($"{at}.title", $"{name} needs a task title of at most 300 characters.");
                break;
            case JourneyStepTypes.AddTag when string.IsNullOrWhiteSpace(step.Tag) || step.Tag.Trim().Length > 50:
                add($"{at}.tag", $"{name} needs a tag of 1 to 50 characters.");
                break;
            case JourneyStepTypes.CreateTask when step.DueInDays is < 0 or > 365:
                add($"{at}.dueInDays", $"{name}: the task is due 0–365 days after the step.");
                break;
        }
    }

    /// <summary>A step on a cycle that passes no wait step, or null. Waits break cycles: time passes on each round.</summary>
    private static string? LoopWithoutWait(List<JourneyStep> steps)
    {
        var byId = steps.Where(s => s.Id is not null).GroupBy(s => s.Id!).ToDictionary(g => g.Key, g => g.First());
        var state = new Dictionary<string, int>();
        string? Visit(string id)
        {
            if (!byId.TryGetValue(id, out var step) || step.Type == JourneyStepTypes.Wait)
            {
                return null;
            }

            if (state.TryGetValue(id, out var seen))
            {
                return seen == 1 ? id : null;
            }

            state[id] = 1;
            foreach (var (_, target) in step.Type == JourneyStepTypes.Exit ? [] : step.Exits)
            {
                if (target is not null && Visit(target) is { } looping)
                {
                    return looping;
                }
            }

            state[id] = 2;
            return null;
        }

        return byId.Keys.Select(Visit).FirstOrDefault(l => l is not null);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex StepId();
}
