using CrmCdp.Web.Platform.Email;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MimeKit;

namespace CrmCdp.Web.Modules.Crm.Activities;

/// <summary>
/// A logged meeting's invitation: one email to the attendees given as email addresses, carrying an iCalendar
/// REQUEST (Ical.Net) with the rep as organizer, queued in the outbox with the meeting itself.
/// </summary>
internal sealed class MeetingInvitations(EmailOutbox outbox)
{
    /// <summary>The attendees that are email addresses (others are just names on the meeting).</summary>
    public static IReadOnlyList<MailboxAddress> Invitees(IEnumerable<string>? attendees) =>
        [.. (attendees ?? []).Select(a => MailboxAddress.TryParse(a, out var address) && EmailAddresses.IsMailbox(address.Address) ? address : null).OfType<MailboxAddress>()
            .DistinctBy(a => a.Address, StringComparer.OrdinalIgnoreCase)];

    public async Task QueueAsync(AppDbContext db, AccessContext access, Activity meeting, CancellationToken cancellationToken)
    {
        var organizer = await db.Users.Where(u => u.Id == access.UserId).Select(u => new { u.Email, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        var invitees = Invitees(meeting.Attendees);
        var end = meeting.EndsAt ?? meeting.OccurredAt.AddMinutes(meeting.DurationMinutes ?? 30);
        var subject = meeting.Subject ?? "Meeting";
        var text = $"{organizer?.DisplayName ?? access.ActorName ?? "We"} invite{(organizer is null ? "" : "s")} you to: {subject}\n"
            + $"When: {meeting.OccurredAt.UtcDateTime:ddd d MMM yyyy HH:mm} – {end.UtcDateTime:HH:mm} UTC\n\n{meeting.Body}".TrimEnd();
        outbox.Add(db, new EmailDraft(EmailPurposes.Crm, string.Join(", ", invitees.Select(i => i.ToString())), $"Invitation: {subject}", null, text)
        {
            From = null,
            SenderName = organizer?.DisplayName ?? access.ActorName,
            ReplyTo = organizer?.Email,
            SentByUserId = access.UserId,
            ContactId = meeting.ContactId,
            ActivityId = meeting.Id,
            CalendarInvite = Ics(meeting, end, organizer?.Email, organizer?.DisplayName, invitees),
        });
    }

    public void Wake() => outbox.Wake();

    private static string Ics(Activity meeting, DateTimeOffset end, string? organizerEmail, string? organizerName, IReadOnlyList<MailboxAddress> invitees)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//CrmCdp//Meeting invitation//EN", Method = "REQUEST" };
        var invitation = new CalendarEvent
        {
            // The same id as in the organizer's calendar feed, so both describe one meeting.
            Uid = $"meeting-{meeting.Id}@crmcdp",
            Summary = meeting.Subject ?? "Meeting",
            Description = meeting.Body,
            DtStart = new CalDateTime(meeting.OccurredAt.UtcDateTime),
            DtEnd = new CalDateTime(end.UtcDateTime),
            DtStamp = new CalDateTime(meeting.CreatedAt.UtcDateTime),
            Sequence = 0,
            Organizer = organizerEmail is null ? null : new Organizer($"mailto:{organizerEmail}") { CommonName = organizerName },
        };
        foreach (var invitee in invitees)
        {
            invitation.Attendees.Add(new Attendee($"mailto:{invitee.Address}")
            {
                CommonName = string.IsNullOrWhiteSpace(invitee.Name) ? null : invitee.Name,
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = "NEEDS-ACTION",
                Rsvp = true,
            });
        }

        calendar.Events.Add(invitation);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
