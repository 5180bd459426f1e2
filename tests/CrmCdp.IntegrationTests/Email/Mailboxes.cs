using System.Net;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Email;

/// <summary>Sets up a mailbox of the test IMAP server in the app, as an admin does.</summary>
internal static class Mailboxes
{
    /// <param name="enabled">
    /// false: not read by the minute sweep or listened to, so only the test's own fetches read it and each fetch's count is
    /// the test's to assert.
    /// </param>
    public static async Task<string> AddAsync(AppFixture app, TestImapServer imap, (string User, string Password) box, bool support, Guid? owner, bool enabled = false)
    {
        using var admin = app.AdminApi();
        var (created, mailbox) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/mailboxes", new
        {
            name = box.User,
            host = "127.0.0.1",
            port = imap.Port,
            tlsMode = "none",
            user = box.User,
            password = box.Password,
            isSupport = support,
            enabled,
            ownerUserId = owner,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, mailbox.ToString());
        return mailbox.Id();
    }
}
