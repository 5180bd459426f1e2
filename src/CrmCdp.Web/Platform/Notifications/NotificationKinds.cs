namespace CrmCdp.Web.Platform.Notifications;

/// <summary>What a notification is about; each user chooses which kinds they get.</summary>
internal static class NotificationKinds
{
    public const string TaskReminder = "task_reminder";
    public const string TaskAssigned = "task_assigned";
    public const string TicketAssigned = "ticket_assigned";
    public const string TicketSla = "ticket_sla";
    public const string DealAssigned = "deal_assigned";
    public const string Mention = "mention";
    public const string DestinationDisabled = "destination_disabled";

    public static IReadOnlyList<(string Kind, string Label)> All { get; } =
    [
        (TaskAssigned, "A task is created for me (activation of a segment, a colleague)"),
        (TaskReminder, "A task of mine reaches its reminder time"),
        (DealAssigned, "A deal is assigned to me"),
        (TicketAssigned, "A ticket is assigned to me"),
        (TicketSla, "A ticket of mine is about to miss, or missed, its SLA"),
        (Mention, "Someone mentions me in a note (@name)"),
        (DestinationDisabled, "A destination is switched off because its receiver is gone or kept failing"),
    ];

    public static bool IsKnown(string kind) => All.Any(k => k.Kind == kind);
}
