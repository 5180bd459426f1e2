using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Email;

public sealed class CrmEmailTests(MailApp app) : IClassFixture<MailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rep_emails_a_contact_with_a_template_and_it_arrives_rendered_threaded_and_on_the_timeline()
    {
        using var admin = app.AdminApi();
        var (_, template) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/email/templates", new
        {
            name = CrmApi.Unique("Intro "),
            subject = "Hello {{ contact.first_name }}",
            html = "<p>Hi {{ contact.first_name }} at {{ contact.company | default: \"your company\" }},</p><p>{{ sender.name }}</p>",
        });
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var address = $"{CrmApi.Unique("dana")}@customer.example";
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Dana", lastName = "<Scully>", emails = new[] { address } });

        var (accepted, queued) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new
        {
            contactId = contact.Id(),
            templateId = template.Id(),
            cc = "boss@customer.example",
        });
        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == address));
        var sent = await Eventually.UntilAsync(() => rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/emails/{queued.Id()}", Ct),
            e => e.GetProperty("status").GetString() == "sent", "the email to be marked sent", cancellationToken: Ct);
        var listed = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{contact.Id()}/emails", Ct);
        var timeline = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/activities?contactId={contact.Id()}&type=email", Ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(queued.GetProperty("messageId").GetString(), received.Message.MessageId);
        Assert.Equal("Hello Dana", received.Message.Subject);
        Assert.Contains("<p>Hi Dana at your company,</p>", received.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(rep.Email, received.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Hi Dana at your company", received.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal(rep.Email, received.Message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("crm@test.crmcdp.local", received.Message.From.Mailboxes.Single().Address);
        Assert.Contains("boss@customer.example", received.EnvelopeTo);
        Assert.StartsWith("250", sent.GetProperty("lastResponse").GetString() ?? "250", StringComparison.Ordinal);
        Assert.Equal([queued.Id()], listed.EnumerateArray().Select(e => e.Id()));
        var logged = Assert.Single(timeline.GetProperty("items").EnumerateArray());
        Assert.Equal("Hello Dana", logged.GetProperty("subject").GetString());
        Assert.Equal(queued.GetProperty("activityId").GetString(), logged.Id());
    }

    [Fact]
    public async Task A_variable_that_would_go_out_empty_refuses_the_send_and_a_default_lets_it_through()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { lastName = "Nameless", emails = new[] { $"{CrmApi.Unique("n")}@customer.example" } });

        var (refused, problem) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new
        {
            contactId = contact.Id(),
            subject = "Hi {{ contact.first_name }}",
            text = "Body for {{ contact.job_title }}",
        });
        var (accepted, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new
        {
            contactId = contact.Id(),
            subject = "Hi {{ contact.first_name | default: \"there\" }}",
            text = "Plain",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("contact.first_name", problem.GetProperty("errors").GetProperty("subject")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("contact.job_title", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await app.Smtp.WaitForAsync(e => e.Message.Subject == "Hi there" && e.Message.To.Mailboxes.Any(m => (m.Name ?? "").Contains("Nameless", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Bad_requests_name_their_field_and_roles_without_email_are_refused()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var marketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);
        var noAddress = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "No", lastName = "Address" });
        using var admin = app.AdminApi();

        var (badCc, ccProblem) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new { contactId = noAddress.Id(), subject = "S", text = "T", cc = "not an address" });
        var (noEmail, noEmailProblem) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new { contactId = noAddress.Id(), subject = "S", text = "T" });
        var (empty, emptyProblem) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new { });
        var (forbidden, _) = await CrmApi.SendAsync(marketer.Api, HttpMethod.Post, "/api/v1/emails", new { contactId = noAddress.Id(), subject = "S", text = "T" });
        var (badTemplate, templateProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/email/templates", new { name = CrmApi.Unique("Broken "), subject = "Hi", html = "{{ contact.first_name " });

        Assert.Equal(HttpStatusCode.BadRequest, badCc.StatusCode);
        Assert.True(ccProblem.GetProperty("errors").TryGetProperty("cc", out _));
        Assert.Equal(HttpStatusCode.BadRequest, noEmail.StatusCode);
        Assert.Contains("no email address", noEmailProblem.GetProperty("errors").GetProperty("contactId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True(emptyProblem.GetProperty("errors").TryGetProperty("contactId", out _));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTemplate.StatusCode);
        Assert.True(templateProblem.GetProperty("errors").TryGetProperty("html", out _));
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_until_sent_and_a_permanent_one_fails_with_the_servers_answer()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Retry", emails = new[] { $"{CrmApi.Unique("r")}@customer.example" } });
        using var admin = app.AdminApi();

        app.Smtp.RefuseNext(451, "Greylisted, try again");
        var (_, retried) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new { contactId = contact.Id(), subject = "Retried", text = "Once more" });
        await app.Smtp.WaitForAsync(e => e.Message.MessageId == retried.GetProperty("messageId").GetString());
        var retriedLog = await Eventually.UntilAsync(() => admin.GetFromJsonAsync<JsonElement>($"/api/v1/email/log/{retried.Id()}", Ct),
            log => log.EnumerateArray().Any(l => l.GetProperty("status").GetString() == "sent"), "the retried email's log to say sent", cancellationToken: Ct);

        app.Smtp.RefuseNext(550, "No such mailbox");
        var (_, refused) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new { contactId = contact.Id(), subject = "Refused", text = "Never" });
        var failed = await Eventually.UntilAsync(() => rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/emails/{refused.Id()}", Ct),
            e => e.GetProperty("status").GetString() == "failed", "the refused email to be marked failed", cancellationToken: Ct);

        Assert.Equal(["queued", "retrying", "sent"], retriedLog.EnumerateArray().Select(l => l.GetProperty("status").GetString()));
        Assert.Contains("451", retriedLog[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("550", failed.GetProperty("lastResponse").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.DoesNotContain(app.Smtp.Received, e => e.Message.Subject == "Refused");
    }
}
