using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.Privacy;

namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>
/// Tickets as the caller sees them: with the assignee's name and the requester's name, email and company. The
/// requester shows on every ticket the caller may see (an agent must know who asked), masked without "view PII".
/// </summary>
internal sealed class TicketRows(UserDirectory users)
{
    public async Task<IReadOnlyList<TicketDto>> ToDtosAsync(AppDbContext db, AccessContext access, IReadOnlyList<Ticket> tickets, CancellationToken cancellationToken)
    {
        var names = await users.NamesAsync(tickets.Select(t => t.OwnerId), cancellationToken);
        var contactIds = tickets.Select(t => t.ContactId).OfType<Guid>().Distinct().ToList();
        var requesters = await db.Set<Contact>().Where(c => contactIds.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.Emails }).AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        var companyIds = tickets.Select(t => t.CompanyId).OfType<Guid>().Distinct().ToList();
        var companies = await db.Set<Company>().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return [.. tickets.Select(t =>
        {
            var requester = t.ContactId is { } contactId ? requesters.GetValueOrDefault(contactId) : null;
            var email = requester?.Emails.FirstOrDefault();
            return new TicketDto(
                t.Id, t.Number, t.Subject, t.Description, CrmEnumNames.Wire(t.Priority), CrmEnumNames.Wire(t.Status), t.Type, t.Channel,
                t.ContactId, t.CompanyId, t.OwnerId, t.OwnerId is { } o ? names.GetValueOrDefault(o) : null, t.TeamId,
                t.FirstResponseDueAt, t.FirstRespondedAt, t.ResolutionDueAt, t.ResolutionMinutesLeftWhenPaused is not null,
                t.SolvedAt, t.FirstResponseBreachedAt, t.ResolutionBreachedAt, t.CreatedAt, t.UpdatedAt, t.Version, t.Tags,
                requester is null ? null : access.DisplayName(requester.FirstName, requester.LastName),
                email is null ? null : access.SeesPii() ? email : PiiMask.Email(email),
                t.CompanyId is { } companyId ? companies.GetValueOrDefault(companyId) : null);
        })];
    }
}
