using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contacts;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>What a queue shows: which tickets, matching what, in which order.</summary>
/// <param name="Queue">mine, unassigned or all.</param>
/// <param name="Search">Words of the subject, the number ("1042" or "#1042"), or the requester's email.</param>
/// <param name="Sort">due (soonest SLA deadline, the default), newest, updated or priority.</param>
public sealed record TicketQueueQuery(
    string? Queue = null, string? Status = null, string? Priority = null, string? Search = null, string? Sort = null,
    Guid? ContactId = null, Guid? CompanyId = null, Guid? AssigneeId = null)
{
    public static readonly string[] Queues = ["mine", "unassigned", "all"];

    public static readonly string[] Sorts = ["due", "newest", "updated", "priority"];

    /// <summary>The first problem with the query's words, as (field, message), or null.</summary>
    public (string Field, string Message)? Problem() =>
        Queue is not null && !Queues.Contains(Queue) ? ("queue", $"The queue must be one of: {string.Join(", ", Queues)}.")
        : Sort is not null && !Sorts.Contains(Sort) ? ("sort", $"The sort must be one of: {string.Join(", ", Sorts)}.")
        : Status is not null && CrmEnumNames.Parse<TicketStatus>(Status) is null ? ("status", $"The status must be one of: {CrmEnumNames.Allowed<TicketStatus>()}.")
        : Priority is not null && CrmEnumNames.Parse<TicketPriority>(Priority) is null ? ("priority", $"The priority must be one of: {CrmEnumNames.Allowed<TicketPriority>()}.")
        : Search is { Length: > 200 } ? ("q", "Search with at most 200 characters.")
        : null;
}

/// <summary>The helpdesk's queues: the tickets a caller may see, filtered, searched and sorted.</summary>
internal sealed class TicketQueue(IDbContextFactory<AppDbContext> dbFactory, TicketRows rows)
{
    public async Task<IReadOnlyList<TicketDto>> ListAsync(AccessContext access, TicketQueueQuery query, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tickets = Filter(db, TicketScope.Within(db, access, P.TicketsRead), access, query);
        var found = await Sorted(tickets, query.Sort).Take(limit).AsNoTracking().ToListAsync(cancellationToken);
        return await rows.ToDtosAsync(db, access, found, cancellationToken);
    }

    private static IQueryable<Ticket> Filter(AppDbContext db, IQueryable<Ticket> tickets, AccessContext access, TicketQueueQuery query)
    {
        tickets = query.Queue switch
        {
            "mine" => tickets.Where(t => t.OwnerId == access.UserId && t.SolvedAt == null),
            "unassigned" => tickets.Where(t => t.OwnerId == null && t.SolvedAt == null),
            _ => tickets,
        };
        if (CrmEnumNames.Parse<TicketStatus>(query.Status) is { } status)
        {
            tickets = tickets.Where(t => t.Status == status);
        }

        if (CrmEnumNames.Parse<TicketPriority>(query.Priority) is { } priority)
        {
            tickets = tickets.Where(t => t.Priority == priority);
        }

        if (query.ContactId is { } contactId)
        {
            tickets = tickets.Where(t => t.ContactId == contactId);
        }

        if (query.CompanyId is { } companyId)
        {
            // A company's tickets include those its people raised without naming it.
            var people = db.Set<Contact>().Where(c => c.CompanyId == companyId).Select(c => c.Id);
            tickets = tickets.Where(t => t.CompanyId == companyId || (t.ContactId != null && people.Contains(t.ContactId.Value)));
        }

        if (query.AssigneeId is { } assigneeId)
        {
            tickets = tickets.Where(t => t.OwnerId == assigneeId);
        }

        return string.IsNullOrWhiteSpace(query.Search) ? tickets : Searched(db, tickets, query.Search);
    }

    private static IQueryable<Ticket> Searched(AppDbContext db, IQueryable<Ticket> tickets, string search)
    {
        var text = search.Trim().TrimStart('#');
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return tickets.Where(t => t.Number == number);
        }

        var pattern = SearchPatterns.Contains(text);
        var email = Platform.ContactPoints.ContactPointNormalizer.NormalizeEmail(text);
        var requesters = db.Set<Contact>().Where(c => email != null && c.Emails.Contains(email)).Select(c => c.Id);
        return tickets.Where(t => EF.Functions.ILike(t.Subject, pattern, "\\") || (t.ContactId != null && requesters.Contains(t.ContactId.Value)));
    }

    private static IQueryable<Ticket> Sorted(IQueryable<Ticket> tickets, string? sort) => sort switch
    {
        "newest" => tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Number),
        "updated" => tickets.OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Number),
        // Priorities are stored by name, so their order is spelled out.
        "priority" => tickets.OrderByDescending(t => t.Priority == TicketPriority.Urgent ? 3 : t.Priority == TicketPriority.High ? 2 : t.Priority == TicketPriority.Normal ? 1 : 0)
            .ThenBy(t => t.Number),
        // Soonest deadline first: the first response while unanswered, then the resolution; paused tickets last.
        _ => tickets.OrderBy(t => t.FirstRespondedAt == null ? t.FirstResponseDueAt : t.ResolutionDueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.Number),
    };
}

/// <summary>The queue's query string (<c>q</c> is the search).</summary>
internal sealed record TicketQueueParameters(
    string? Queue, string? Status, string? Priority, string? Q, string? Sort, Guid? ContactId, Guid? CompanyId, Guid? AssigneeId)
{
    public TicketQueueQuery ToQuery() => new(Queue, Status, Priority, Q, Sort, ContactId, CompanyId, AssigneeId);
}
