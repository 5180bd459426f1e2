using System.Net;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.Web.Platform.Auth;
using MimeKit;

namespace CrmCdp.IntegrationTests.Email;

public sealed class MeetingInvitationTests(MailApp app) : IClassFixture<MailApp>
{
    [Fact]
    public async Task A_meeting_logged_with_an_invitation_emails_an_ics_request_to_the_attendees_with_addresses()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var dana = $"{CrmApi.Unique("dana")}@customer.example";
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Dana", lastName = "Meets", emails = new[] { dana } });
        var start = new DateTimeOffset(2027, 3, 4, 15, 0, 0, TimeSpan.Zero);

        var (created, meeting) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/activities", new
        {
            type = "meeting",
            contactId = contact.Id(),
            subject = "Pricing walkthrough",
            body = "We go through the pro plan.",
            occurredAt = start,
            endsAt = start.AddMinutes(45),
            attendees = new[] { $"Dana Meets <{dana}>", "Bob from their finance team" },
            sendInvitation = true,
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == dana));
        Assert.Equal("Invitation: Pricing walkthrough", received.Message.Subject);
        Assert.Single(received.Message.To.Mailboxes);
        var part = received.Message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal("REQUEST", part.ContentType.Parameters["method"]);
        var calendar = Ical.Net.Calendar.Load(part.Text)!;
        Assert.Equal("REQUEST", calendar.Method);
        var invitation = Assert.Single(calendar.Events);
        Assert.Equal($"meeting-{meeting.Id()}@crmcdp", invitation.Uid);
        Assert.Equal("Pricing walkthrough", invitation.Summary);
        Assert.Equal(start.UtcDateTime, invitation.DtStart!.AsUtc);
        Assert.Equal(start.AddMinutes(45).UtcDateTime, invitation.DtEnd!.AsUtc);
        Assert.Equal($"mailto:{rep.Email}", invitation.Organizer!.Value!.ToString(), ignoreCase: true);
        var attendee = Assert.Single(invitation.Attendees);
        Assert.Equal($"mailto:{dana}", attendee.Value!.ToString(), ignoreCase: true);
        Assert.True(attendee.Rsvp);
    }

    [Fact]
    public async Task An_invitation_needs_a_meeting_with_an_attendee_address_and_says_which_field_is_wrong()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Nora", lastName = "Noaddress" });

        var (noAddress, noAddressBody) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/activities", new
        {
            type = "meeting",
            contactId = contact.Id(),
            subject = "Coffee",
            attendees = new[] { "Nora" },
            sendInvitation = true,
        });
        var (notMeeting, notMeetingBody) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/activities", new
        {
            type = "note",
            contactId = contact.Id(),
            body = "A note",
            sendInvitation = true,
        });

        Assert.Equal(HttpStatusCode.BadRequest, noAddress.StatusCode);
        Assert.True(noAddressBody.GetProperty("errors").TryGetProperty("attendees", out _), noAddressBody.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, notMeeting.StatusCode);
        Assert.True(notMeetingBody.GetProperty("errors").TryGetProperty("sendInvitation", out _), notMeetingBody.ToString());
        var (_, activities) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/activities?contactId={contact.Id()}");
        Assert.Empty(activities.GetProperty("items").EnumerateArray());
    }
}
