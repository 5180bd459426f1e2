using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.ContactPoints;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>
/// Who asked: the requester contact named by id or found by email, or a new contact for an email nobody holds yet
/// (as a helpdesk does for a first-time customer), and the company the ticket belongs to.
/// </summary>
internal sealed class TicketRequesters(IDbContextFactory<AppDbContext> dbFactory, ContactQueries contacts, ContactService contactService)
{
    /// <summary>Fills in the input's contact and company from its requester email; answers the field's error when it cannot.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>?> ResolveAsync(AccessContext access, TicketInput input, CancellationToken cancellationToken)
    {
        if (input.ContactId is null && ContactPointNormalizer.NormalizeEmail(input.RequesterEmail) is { } email)
        {
            input.ContactId = await contacts.FindIdByEmailAsync(access, P.ContactsRead, email, cancellationToken);
            if (input.ContactId is null)
            {
                var created = await contactService.CreateAsync(access, new ContactInput { Email = email, CompanyId = input.CompanyId }, cancellationToken);
                if (created.Value is null)
                {
                    var reason = created.Errors?.Values.SelectMany(m => m).FirstOrDefault() ?? created.Message;
                    return new Dictionary<string, string[]> { ["requesterEmail"] = [$"No contact holds this email, and one could not be created: {reason}"] };
                }

                input.ContactId = created.Value.Id;
            }
        }

        if (input.CompanyId is null && input.ContactId is { } contactId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            input.CompanyId = await db.Set<Contact>().Where(c => c.Id == contactId).Select(c => c.CompanyId).SingleOrDefaultAsync(cancellationToken);
        }

        return null;
    }
}
