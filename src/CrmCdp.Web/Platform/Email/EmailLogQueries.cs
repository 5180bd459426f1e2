namespace CrmCdp.Web.Platform.Email;

internal sealed record EmailLogLine(DateTimeOffset At, string Status, string? Detail);

internal sealed record OutboundEmailDto(
    Guid Id, string Purpose, string From, string To, string? Cc, string Subject, string Status, int Attempts, string? LastResponse,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, Guid? ContactId, string MessageId)
{
    public static OutboundEmailDto Of(OutboundEmail e) => new(
        e.Id, e.Purpose, e.From, e.To, e.Cc, e.Subject, e.Status.ToString().ToLowerInvariant(), e.Attempts, e.LastResponse, e.CreatedAt, e.SentAt,
        e.Status == EmailStatus.Queued ? e.NextAttemptAt : null, e.ContactId, e.MessageId);
}

/// <summary>The send log for Admin → Email: recent messages with their status and the SMTP server's last answer.</summary>
internal sealed class EmailLogQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<OutboundEmailDto>> RecentAsync(AccessContext access, string? status, int limit, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<OutboundEmail>().AsNoTracking();
        if (Enum.TryParse<EmailStatus>(status, ignoreCase: true, out var wanted))
        {
            query = query.Where(e => e.Status == wanted);
        }

        var emails = await query.OrderByDescending(e => e.CreatedAt).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        return [.. emails.Select(OutboundEmailDto.Of)];
    }

    public async Task<IReadOnlyList<EmailLogLine>> LogAsync(AccessContext access, Guid emailId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<EmailLogEntry>().AsNoTracking().Where(l => l.EmailId == emailId).OrderBy(l => l.At).ThenBy(l => l.Id)
            .Select(l => new EmailLogLine(l.At, l.Status, l.Detail)).ToListAsync(cancellationToken);
    }
}
