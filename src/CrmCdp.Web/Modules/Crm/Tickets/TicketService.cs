using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>Tickets: open, change, reply, with SLA clocks, the timeline and internal events.</summary>
internal sealed class TicketService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<TicketInput> validator, UserDirectory users, CrmRecordCommands records, TicketRows rows,
    TicketRequesters requesters, AssignmentNotices notices, TicketEmailChannel emailChannel, Platform.Email.EmailOutbox outbox, TimeProvider timeProvider)
{
    public async Task<OperationResult<TicketDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await TicketScope.Within(db, access, P.TicketsRead).AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return ticket is null ? OperationResult<TicketDto>.NotFound() : OperationResult<TicketDto>.Ok((await rows.ToDtosAsync(db, access, [ticket], cancellationToken))[0]);
    }

    public async Task<OperationResult<TicketDto>> CreateAsync(AccessContext access, TicketInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.TicketsCreate))
        {
            return OperationResult<TicketDto>.Forbidden("Your role cannot open tickets.");
        }

        // Everything is checked before a new requester contact is made, so a refused ticket leaves no contact behind.
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await CheckAsync(db, access, input, cancellationToken) is { Count: > 0 } problems)
            {
                return OperationResult<TicketDto>.Invalid(problems);
            }
        }

        if (await requesters.ResolveAsync(access, input, cancellationToken) is { } requesterProblems)
        {
            return OperationResult<TicketDto>.Invalid(requesterProblems);
        }

        var created = await records.CreateAsync(CrmRecordKinds.Tickets, access, P.TicketsCreate, "Your role cannot open tickets.", async (db, now) =>
        {
            var errors = await CheckAsync(db, access, input, cancellationToken);
            if (errors.Count > 0)
            {
                return (null, errors);
            }

            var ticket = new Ticket { Id = Guid.CreateVersion7(), CreatedAt = now, Status = TicketStatus.New };
            Apply(ticket, input, now);
            if (ticket.OwnerId is null && ticket.TeamId is { } team)
            {
                // Serialises concurrent picks for a team (until the ticket is saved), so round robin stays fair under load.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({team.ToString()}))", cancellationToken);
                ticket.OwnerId = await TicketAssignment.PickAsync(db, team, cancellationToken);
            }

            var (policies, calendar) = await SlaAsync(db, cancellationToken);
            ticket.StartSla(policies[ticket.Priority], calendar, now);
            await notices.TellAsync(db, access, CrmRecordType.Ticket, ticket.Id, NoticeTitle(ticket), ticket.OwnerId, null, cancellationToken);
            db.Add(Event("ticket.opened", ticket, now));
            return (ticket, null);
        }, cancellationToken);
        // The one who opened it sees the new ticket even when it was routed beyond their scope.
        return created.Value is { } id && id != Guid.Empty ? OperationResult<TicketDto>.Ok(await NewTicketAsync(access, id, cancellationToken)) : created.As<TicketDto>();
    }

    private async Task<TicketDto> NewTicketAsync(AccessContext access, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await rows.ToDtosAsync(db, access, [await db.Set<Ticket>().AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken)], cancellationToken))[0];
    }

    public async Task<OperationResult<TicketDto>> UpdateAsync(AccessContext access, Guid id, TicketInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await CrmRecordCommands.FindForChangeAsync(db, CrmRecordKinds.Tickets, access, id, P.TicketsEdit, "change", cancellationToken);
        if (found.Value is not { } ticket)
        {
            return found.As<TicketDto>();
        }

        var errors = await CheckAsync(db, access, input, cancellationToken);
        if (errors.Count == 0 && await requesters.ResolveAsync(access, input, cancellationToken) is { } requesterProblems)
        {
            errors = new(requesterProblems);
        }

        if (errors.Count > 0)
        {
            return OperationResult<TicketDto>.Invalid(errors);
        }

        var now = timeProvider.GetUtcNow();
        var (policies, calendar) = await SlaAsync(db, cancellationToken);
        var before = (ticket.Priority, ticket.Status, ticket.OwnerId);
        Apply(ticket, input, now);
        if (ticket.Priority != before.Priority)
        {
            ticket.Reprioritize(policies[ticket.Priority], calendar);
        }

        if (CrmEnumNames.Parse<TicketStatus>(input.Status) is { } status)
        {
            ticket.ChangeStatus(status, calendar, now);
        }

        await notices.TellAsync(db, access, CrmRecordType.Ticket, id, NoticeTitle(ticket), ticket.OwnerId, before.OwnerId, cancellationToken);
        var names = await users.NamesAsync([before.OwnerId, ticket.OwnerId], cancellationToken);
        string? Name(Guid? user) => user is { } value ? names.GetValueOrDefault(value) : null;
        foreach (var change in FieldChange.Between(
        [
            ("Priority", before.Priority.ToString(), ticket.Priority.ToString()),
            ("Status", before.Status.ToString(), ticket.Status.ToString()),
            ("Assignee", Name(before.OwnerId), Name(ticket.OwnerId)),
        ]))
        {
            CrmRecordCommands.Note(db, CrmRecordKinds.Tickets, access, id, now, change.Field, change.OldValue, change.NewValue);
        }

        if (ticket.Status is TicketStatus.Solved && before.Status is not (TicketStatus.Solved or TicketStatus.Closed))
        {
            db.Add(Event("ticket.solved", ticket, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<TicketDto>.Ok((await rows.ToDtosAsync(db, access, [ticket], cancellationToken))[0]);
    }

    public async Task<OperationResult<ReplyDto>> ReplyAsync(AccessContext access, Guid id, ReplyInput input, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(input.Body) || input.Body.Length > 50_000)
        {
            return OperationResult<ReplyDto>.Invalid("body", "Write the reply (at most 50,000 characters).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await TicketScope.Within(db, access, P.TicketsEdit).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (ticket is null)
        {
            return OperationResult<ReplyDto>.NotFound();
        }

        var now = timeProvider.GetUtcNow();
        var reply = new TicketReply { Id = Guid.CreateVersion7(), TicketId = id, AuthorUserId = access.UserId, Body = input.Body.Trim(), IsInternal = input.Internal, CreatedAt = now };
        db.Add(reply);
        var emailed = false;
        if (!input.Internal)
        {
            ticket.Respond(now);
            emailed = await emailChannel.QueueReplyAsync(db, ticket, reply, access, cancellationToken);
        }

        ticket.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        if (emailed)
        {
            outbox.Wake();
        }

        var names = await users.NamesAsync([reply.AuthorUserId], cancellationToken);
        return OperationResult<ReplyDto>.Ok(new ReplyDto(reply.Id, reply.Body, reply.IsInternal, reply.AuthorUserId, reply.AuthorUserId is { } a ? names.GetValueOrDefault(a) : null, now));
    }

    public async Task<IReadOnlyList<ReplyDto>> RepliesAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await TicketScope.Within(db, access, P.TicketsRead).AnyAsync(t => t.Id == id, cancellationToken))
        {
            return [];
        }

        var replies = await db.Set<TicketReply>().Where(r => r.TicketId == id).OrderBy(r => r.CreatedAt).AsNoTracking().ToListAsync(cancellationToken);
        var names = await users.NamesAsync(replies.Select(r => r.AuthorUserId), cancellationToken);
        return [.. replies.Select(r => new ReplyDto(r.Id, r.Body, r.IsInternal, r.AuthorUserId, r.AuthorUserId is { } a ? names.GetValueOrDefault(a) : null, r.CreatedAt))];
    }

    public async Task<Guid?> FindByNumberAsync(AccessContext access, long number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await TicketScope.Within(db, access, P.TicketsRead).Where(t => t.Number == number).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Assigns many tickets at once; tickets the caller may not change are skipped and counted.</summary>
    public async Task<OperationResult<Bulk.BulkResult>> AssignAsync(AccessContext access, IReadOnlyList<Guid> ids, Guid? assigneeId, CancellationToken cancellationToken = default)
    {
        if (ids.Count is 0 or > 1000)
        {
            return OperationResult<Bulk.BulkResult>.Invalid("ids", "Select between 1 and 1000 tickets.");
        }

        if (assigneeId is { } assignee && !await users.ExistsAsync(assignee, cancellationToken))
        {
            return OperationResult<Bulk.BulkResult>.Invalid("assigneeId", "No such user.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tickets = await TicketScope.Within(db, access, P.TicketsEdit).Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var names = await users.NamesAsync(tickets.Select(t => t.OwnerId).Append(assigneeId), cancellationToken);
        foreach (var ticket in tickets.Where(t => t.OwnerId != assigneeId))
        {
            await notices.TellAsync(db, access, CrmRecordType.Ticket, ticket.Id, NoticeTitle(ticket), assigneeId, ticket.OwnerId, cancellationToken);
            CrmRecordCommands.Note(db, CrmRecordKinds.Tickets, access, ticket.Id, now, "Assignee",
                ticket.OwnerId is { } o ? names.GetValueOrDefault(o) : null, assigneeId is { } n ? names.GetValueOrDefault(n) : null);
            (ticket.OwnerId, ticket.UpdatedAt) = (assigneeId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<Bulk.BulkResult>.Ok(new Bulk.BulkResult(tickets.Count, ids.Distinct().Count() - tickets.Count));
    }

    /// <summary>Merges a duplicate into another ticket: its conversation moves over, it is closed, and both say so.</summary>
    public async Task<OperationResult<TicketDto>> MergeAsync(AccessContext access, Guid duplicateId, Guid intoId, CancellationToken cancellationToken = default)
    {
        if (duplicateId == intoId)
        {
            return OperationResult<TicketDto>.Invalid("intoId", "Choose another ticket to merge into.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var editable = TicketScope.Within(db, access, P.TicketsEdit);
        var duplicate = await editable.SingleOrDefaultAsync(t => t.Id == duplicateId, cancellationToken);
        var into = await editable.SingleOrDefaultAsync(t => t.Id == intoId, cancellationToken);
        if (duplicate is null || into is null)
        {
            return OperationResult<TicketDto>.NotFound();
        }

        var now = timeProvider.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<TicketReply>().Where(r => r.TicketId == duplicateId).ExecuteUpdateAsync(set => set.SetProperty(r => r.TicketId, intoId), cancellationToken);
        db.Add(new TicketReply { Id = Guid.CreateVersion7(), TicketId = intoId, AuthorUserId = access.UserId, IsInternal = true, CreatedAt = now, Body = $"Merged ticket #{duplicate.Number} “{duplicate.Subject}” into this one.\n\n{duplicate.Description}" });
        var (_, calendar) = await SlaAsync(db, cancellationToken);
        duplicate.ChangeStatus(TicketStatus.Closed, calendar, now);
        duplicate.UpdatedAt = now;
        CrmRecordCommands.Note(db, CrmRecordKinds.Tickets, access, duplicateId, now, "merged", newValue: $"#{into.Number}");
        CrmRecordCommands.Note(db, CrmRecordKinds.Tickets, access, intoId, now, "merged", newValue: $"#{duplicate.Number}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult<TicketDto>.Ok((await rows.ToDtosAsync(db, access, [into], cancellationToken))[0]);
    }

    internal static async Task<(Dictionary<TicketPriority, SlaPolicy> Policies, BusinessCalendar Calendar)> SlaAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var policies = await db.Set<SlaPolicy>().AsNoTracking().ToDictionaryAsync(p => p.Priority, cancellationToken);
        var calendar = await db.Set<SlaCalendar>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SlaCalendar();
        return (policies, calendar.ToCalendar());
    }

    private async Task<Dictionary<string, string[]>> CheckAsync(AppDbContext db, AccessContext access, TicketInput input, CancellationToken cancellationToken)
    {
        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        await RecordLinks.AddProblemsAsync(errors, db, access, input.ContactId, input.CompanyId, cancellationToken);

        if (input.AssigneeId is { } assignee && !await users.ExistsAsync(assignee, cancellationToken))
        {
            errors["assigneeId"] = ["No such user."];
        }

        if (input.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, cancellationToken))
        {
            errors["teamId"] = ["No such team."];
        }

        return errors;
    }

    private static void Apply(Ticket ticket, TicketInput input, DateTimeOffset now)
    {
        ticket.Subject = input.Subject!.Trim();
        ticket.Description = input.Description?.Trim() ?? ticket.Description;
        ticket.Priority = CrmEnumNames.Parse<TicketPriority>(input.Priority) ?? ticket.Priority;
        ticket.Type = input.Type?.Trim() ?? ticket.Type;
        ticket.Channel = input.Channel?.Trim() ?? ticket.Channel;
        ticket.ContactId = input.ContactId ?? ticket.ContactId;
        ticket.CompanyId = input.CompanyId ?? ticket.CompanyId;
        ticket.OwnerId = input.AssigneeId ?? ticket.OwnerId;
        ticket.TeamId = input.TeamId ?? ticket.TeamId;
        ticket.Tags = input.Tags is { } tags ? [.. tags.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)] : ticket.Tags;
        ticket.UpdatedAt = now;
    }

    /// <summary>A new ticket has no number until it is saved.</summary>
    private static string NoticeTitle(Ticket ticket) => ticket.Number > 0 ? $"#{ticket.Number} {ticket.Subject}" : ticket.Subject;

    private static CrmInternalEvent Event(string type, Ticket ticket, DateTimeOffset at) => new()
    {
        Type = type,
        RecordId = ticket.Id,
        ContactIds = ticket.ContactId is { } contact ? [contact] : [],
        CompanyId = ticket.CompanyId,
        OccurredAt = at,
        PropertiesJson = System.Text.Json.JsonSerializer.Serialize(new { ticket.Number, ticket.Subject, Priority = CrmEnumNames.Wire(ticket.Priority) }, System.Text.Json.JsonSerializerOptions.Web),
    };
}
