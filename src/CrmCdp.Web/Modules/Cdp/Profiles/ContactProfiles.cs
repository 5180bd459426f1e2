using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Crm.Contracts;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>The profile linked to a contact, summarised for the contact's 360 page.</summary>
/// <remarks>
/// Holders of "view CDP profiles" see any contact's; holders of the linked-profile permission (sales reps) see the
/// behaviour of the contacts the CRM lets them read, with personal data masked as their role requires.
/// </remarks>
internal sealed class ContactProfiles(IDbContextFactory<AppDbContext> dbFactory, ProfileQueries profiles, ProfileTimeline timeline, ICrmContacts crmContacts) : IContactProfiles
{
    public async Task<ContactProfileSummary?> ForContactAsync(AccessContext access, Guid contactId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            if (!access.Has(Permissions.Cdp.LinkedProfilesRead) || !await crmContacts.IsVisibleAsync(access, contactId, cancellationToken))
            {
                return null;
            }

            access = access.Granting(Permissions.Cdp.ProfilesRead);
        }

        Guid profileId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            profileId = await db.Set<Profile>().Where(p => p.ContactId == contactId && p.MergedIntoId == null)
                .OrderByDescending(p => p.LastSeenAt).Select(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        }

        if (profileId == Guid.Empty || (await profiles.GetAsync(access, profileId, cancellationToken)).Value is not { } profile)
        {
            return null;
        }

        var recent = (await timeline.EventsAsync(access, profileId, null, 8, cancellationToken: cancellationToken)).Value?.Items ?? [];
        var top = await profiles.TopEventsAsync(access, profileId, 5, cancellationToken);
        var traits = profile.Traits.ValueKind == JsonValueKind.Object
            ? profile.Traits.EnumerateObject().Select(t => new KeyValuePair<string, string>(t.Name, t.Value.ValueKind == JsonValueKind.String ? t.Value.GetString()! : t.Value.GetRawText())).ToList()
            : [];
        return new ContactProfileSummary(
            profileId, profile.EventCount, profile.FirstSeenAt, profile.LastSeenAt, traits, top,
            [.. recent.Select(e => new ContactProfileEvent(e.Type, e.Event, e.Timestamp))])
        {
            Segments = [.. profile.Segments.Select(s => s.Name)],
            IntentScore = profile.ComputedTraits.TryGetValue(Segments.SegmentActivator.IntentScoreKey, out var score) ? score as decimal? : null,
            ComputedTraits = [.. profile.ComputedTraits.Select(t => KeyValuePair.Create(t.Key, Segments.ComputedTraitKinds.Display(t.Value)))],
        };
    }
}
