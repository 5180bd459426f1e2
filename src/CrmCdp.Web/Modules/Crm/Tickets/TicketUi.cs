using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>How tickets look: priority colours and SLA deadlines as people read them.</summary>
internal static class TicketUi
{
    public static Color PriorityColor(string priority) => priority switch
    {
        "urgent" => Color.Error,
        "high" => Color.Warning,
        "normal" => Color.Info,
        _ => Color.Default,
    };

    public static string Label(string wire) => wire switch
    {
        "pendingCustomer" => "Pending customer",
        "onHold" => "On hold",
        _ => char.ToUpperInvariant(wire[0]) + wire[1..],
    };

    /// <summary>The deadline that matters now: the first response while unanswered, else the resolution.</summary>
    public static (string Text, Color Color) NextDeadline(TicketDto ticket, DateTimeOffset now)
    {
        if (ticket.SolvedAt is not null)
        {
            return ("Solved", Color.Success);
        }

        if (ticket.FirstRespondedAt is null)
        {
            return Describe("Response", ticket.FirstResponseDueAt, ticket.FirstResponseBreachedAt, now);
        }

        return ticket.ResolutionDueAt is { } due ? Describe("Resolution", due, ticket.ResolutionBreachedAt, now) : ("Paused (pending customer)", Color.Default);
    }

    private static (string, Color) Describe(string what, DateTimeOffset due, DateTimeOffset? breached, DateTimeOffset now)
    {
        var left = due - now;
        if (breached is not null || left < TimeSpan.Zero)
        {
            return ($"{what} overdue by {Span(-left)}", Color.Error);
        }

        return ($"{what} due in {Span(left)}", left < TimeSpan.FromMinutes(30) ? Color.Warning : Color.Default);
    }

    private static string Span(TimeSpan span) => span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(0, (int)span.TotalMinutes)} min";
}
