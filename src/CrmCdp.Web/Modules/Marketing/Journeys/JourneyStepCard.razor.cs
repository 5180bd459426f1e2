using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>One step of the journey builder: what it does, its settings, where it leads, and its validation messages.</summary>
public sealed partial class JourneyStepCard
{
    private static readonly (string Type, string Label)[] Types =
    [
        (JourneyStepTypes.SendEmail, "Send an email"),
        (JourneyStepTypes.Wait, "Wait"),
        (JourneyStepTypes.WaitUntilEvent, "Wait for an event"),
        (JourneyStepTypes.Branch, "If / else"),
        (JourneyStepTypes.CreateTask, "Create a CRM task"),
        (JourneyStepTypes.UpdateField, "Update a field"),
        (JourneyStepTypes.AddTag, "Tag the contact"),
        (JourneyStepTypes.Webhook, "Send to a webhook"),
        (JourneyStepTypes.Exit, "Leave the journey"),
    ];

    private static readonly string[] Units = ["seconds", "minutes", "hours", "days"];

    [Parameter]
    [EditorRequired]
    public StepDraft Step { get; set; } = default!;

    [Parameter]
    public int Index { get; set; }

    /// <summary>The ids of the other steps, where this one may lead.</summary>
    [Parameter]
    public IReadOnlyList<string> Choices { get; set; } = [];

    [Parameter]
    public IReadOnlyList<(Guid Id, string Name)> Templates { get; set; } = [];

    [Parameter]
    public IReadOnlyList<(Guid Id, string Name)> Webhooks { get; set; } = [];

    [Parameter]
    public IReadOnlyList<(Guid Id, string Name)> Teams { get; set; } = [];

    /// <summary>The validation messages of this step.</summary>
    [Parameter]
    public IReadOnlyList<string> Messages { get; set; } = [];

    [Parameter]
    public EventCallback<StepDraft> OnAddAfter { get; set; }

    [Parameter]
    public EventCallback<StepDraft> OnRemove { get; set; }
}
