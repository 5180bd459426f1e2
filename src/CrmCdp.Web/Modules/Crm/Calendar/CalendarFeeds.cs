using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Platform.Auth.ApiKeys;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CrmCdp.Web.Modules.Crm.Calendar;

/// <summary>
/// Each user's private, revocable ICS feed of their meetings and open tasks, which Google Calendar or Outlook
/// subscribes to by URL. The URL's token is the only credential, so it is long, random and stored hashed.
/// </summary>
internal sealed class CalendarFeeds(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    public const string PathPrefix = "/calendar/";

    public async Task<CalendarFeedDto> StatusAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var feed = access.UserId is { } me ? await db.Set<CalendarFeed>().AsNoTracking().SingleOrDefaultAsync(f => f.UserId == me, cancellationToken) : null;
        return new CalendarFeedDto(feed is not null, feed?.CreatedAt, null);
    }

    /// <summary>Makes a new feed address (the old one stops working) and answers it, once.</summary>
    /// <param name="baseUri">The app's address as the person reaches it.</param>
    public async Task<OperationResult<CalendarFeedDto>> CreateAsync(AccessContext access, string baseUri, CancellationToken cancellationToken = default)
    {
        if (access.UserId is not { } me || access.IsApiKey)
        {
            return OperationResult<CalendarFeedDto>.Forbidden("A calendar feed belongs to a signed-in person.");
        }

        var token = ApiKeySecret.Generate();
        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<CalendarFeed>().Where(f => f.UserId == me).ExecuteDeleteAsync(cancellationToken);
        db.Add(new CalendarFeed { UserId = me, TokenHash = ApiKeySecret.Hash(token), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<CalendarFeedDto>.Ok(new CalendarFeedDto(true, now, $"{baseUri.TrimEnd('/')}{PathPrefix}{token}.ics"));
    }

    public async Task<OperationResult<bool>> RevokeAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (access.UserId is not { } me)
        {
            return OperationResult<bool>.Forbidden("A calendar feed belongs to a signed-in person.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<CalendarFeed>().Where(f => f.UserId == me).ExecuteDeleteAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>The feed's iCalendar text, or null when the token names no feed.</summary>
    [SystemAccess("The secret token in the feed's URL is the credential: calendar apps cannot sign in.")]
    public async Task<string?> RenderAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = ApiKeySecret.Hash(token);
        var owner = await db.Set<CalendarFeed>().Where(f => f.TokenHash == hash).Select(f => (Guid?)f.UserId).SingleOrDefaultAsync(cancellationToken);
        if (owner is not { } me || !await db.Users.AnyAsync(u => u.Id == me && u.DeactivatedAt == null, cancellationToken))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var (from, to) = (now.AddDays(-90), now.AddDays(365));
        var meetings = await db.Set<Activity>().AsNoTracking()
            .Where(a => a.OwnerId == me && a.Type == ActivityType.Meeting && a.OccurredAt >= from && a.OccurredAt <= to)
            .OrderBy(a => a.OccurredAt).Take(1000).ToListAsync(cancellationToken);
        var tasks = await db.Set<CrmTask>().AsNoTracking()
            .Where(t => t.OwnerId == me && t.Status == CrmTaskStatus.Open && t.DueAt <= to)
            .OrderBy(t => t.DueAt).Take(1000).ToListAsync(cancellationToken);
        var calendar = new Ical.Net.Calendar { ProductId = "-//CrmCdp//Calendar feed//EN" };
        calendar.AddProperty("X-WR-CALNAME", "CrmCdp");
        foreach (var meeting in meetings)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"meeting-{meeting.Id}@crmcdp",
                Summary = meeting.Subject ?? "Meeting",
                Description = meeting.Body,
                DtStart = new CalDateTime(meeting.OccurredAt.UtcDateTime),
                DtEnd = new CalDateTime((meeting.EndsAt ?? meeting.OccurredAt.AddMinutes(30)).UtcDateTime),
            });
        }

        foreach (var task in tasks)
        {
            calendar.Todos.Add(new Todo { Uid = $"task-{task.Id}@crmcdp", Summary = task.Title, Due = new CalDateTime(task.DueAt.UtcDateTime) });
        }

        return new CalendarSerializer().SerializeToString(calendar);
    }
}
