using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Forms;

[Collection(SharedAppGroup.Name)]
public sealed class FormTests(SharedApp app)
{
    [Fact]
    public async Task A_form_is_created_with_an_id_and_a_key_and_bad_definitions_are_refused_naming_the_field()
    {
        using var admin = app.AdminApi();
        var form = await FormApi.CreateFormAsync(admin);
        Assert.False(string.IsNullOrEmpty(form.Id()));
        Assert.Matches("^[A-Za-z0-9_-]{16}$", form.Key());
        Assert.EndsWith($"/f/{form.Key()}", form.GetProperty("url").GetString());
        Assert.Contains($"data-crmcdp-form=\"{form.Key()}\"", form.GetProperty("embedHtml").GetString());

        var (noEmail, noEmailBody) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/forms", new
        {
            name = "No email",
            fields = new object[] { new { name = "first", label = "First", mapsTo = "firstName" }, new { name = "x", label = "X", mapsTo = "shoeSize" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, noEmail.StatusCode);
        var errors = noEmailBody.GetProperty("errors");
        Assert.Contains("email", errors.GetProperty("fields")[0].GetString());
        Assert.True(errors.TryGetProperty("fields[1].mapsTo", out _), errors.ToString());

        var (unknownCustom, unknownCustomBody) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/forms", new
        {
            name = "Custom",
            fields = new object[] { new { name = "email", label = "Email", mapsTo = "email" }, new { name = "plan", label = "Plan", mapsTo = "custom:no_such_field" } },
            consents = new[] { new { category = "email", text = "" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknownCustom.StatusCode);
        Assert.True(unknownCustomBody.GetProperty("errors").TryGetProperty("fields[1].mapsTo", out _), unknownCustomBody.ToString());
        Assert.True(unknownCustomBody.GetProperty("errors").TryGetProperty("consents[0].text", out _), unknownCustomBody.ToString());
    }

    [Fact]
    public async Task A_submission_with_the_anonymous_id_joins_the_visitors_page_views_and_makes_the_contact_with_its_consent()
    {
        using var admin = app.AdminApi();
        var (_, writeKey) = await app.SourceAsync();
        using var sdk = app.Sdk(writeKey);
        var visitor = CrmApi.Unique("anon-");
        using (var pages = await sdk.PostAsJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "page", anonymousId = visitor, name = "Pricing", properties = new { path = "/pricing" } },
                new { type = "page", anonymousId = visitor, name = "Contact", properties = new { path = "/contact" } },
            },
        }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, pages.StatusCode);
        }

        await admin.ProfileWithEventsAsync("anonymous_id", visitor, 2, TestContext.Current.CancellationToken);
        var form = await FormApi.CreateFormAsync(admin);
        var email = $"{CrmApi.Unique("visitor")}@example.com";
        using var browser = app.Factory.CreateClient();
        var (status, answer) = await FormApi.SubmitJsonAsync(browser, form.Key(), new
        {
            email = email.ToUpperInvariant(),
            first_name = "Vera",
            job = "Buyer",
            message = "Call me about pricing",
            anonymousId = visitor,
            consent_email = true,
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer.GetProperty("ok").GetBoolean());
        var submission = await FormApi.SubmissionAsync(admin, form.Id(), answer.GetProperty("submissionId").GetString()!);
        Assert.Equal("processed", submission.GetProperty("status").GetString());
        var consent = Assert.Single(submission.GetProperty("consents").EnumerateArray());
        Assert.Equal(1, consent.GetProperty("version").GetInt32());
        Assert.True(consent.GetProperty("granted").GetBoolean());

        var contact = Assert.Single(await FormApi.ContactsWithEmailAsync(admin, email));
        Assert.Equal("Vera", contact.GetProperty("firstName").GetString());
        Assert.Equal("Buyer", contact.GetProperty("jobTitle").GetString());
        Assert.True(contact.GetProperty("emailConsent").GetBoolean());
        Assert.Equal(contact.Id(), submission.GetProperty("contactId").GetString());

        // The identify and "Form Submitted" land in the profile that holds the visitor's two page views.
        var profile = await admin.ProfileWithEventsAsync("anonymous_id", visitor, 4, TestContext.Current.CancellationToken);
        Assert.Contains(profile.GetProperty("identifiers").EnumerateArray(), i => i.GetProperty("type").GetString() == "email" && i.GetProperty("value").GetString() == email);
        Assert.Equal("Vera", profile.GetProperty("traits").GetProperty("firstName").GetString());
        Assert.True(profile.GetProperty("consent").GetProperty("categoryPreferences").GetProperty("email").GetBoolean());
        var (_, events) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}/events");
        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.GetProperty("event").GetString() == "Form Submitted");
    }

    [Fact]
    public async Task A_known_email_updates_its_contact_instead_of_making_another()
    {
        using var admin = app.AdminApi();
        var email = $"{CrmApi.Unique("known")}@example.com";
        var existing = await CrmApi.CreateContactAsync(admin, new { firstName = "Kim", lastName = "Known", email, jobTitle = "Intern" });
        var form = await FormApi.CreateFormAsync(admin);
        using var browser = app.Factory.CreateClient();

        var (status, _) = await FormApi.SubmitJsonAsync(browser, form.Key(), new { email = $" {email.ToUpperInvariant()} ", job = "Head of Buying" });

        Assert.Equal(HttpStatusCode.OK, status);
        var contact = Assert.Single(await FormApi.ContactsWithEmailAsync(admin, email));
        Assert.Equal(existing.Id(), contact.Id());
        Assert.Equal("Head of Buying", contact.GetProperty("jobTitle").GetString());
        Assert.Equal("Known", contact.GetProperty("lastName").GetString());
        Assert.False(contact.GetProperty("emailConsent").GetBoolean());
    }

    [Fact]
    public async Task A_field_mapped_to_a_custom_field_sets_it_and_keeps_the_contacts_other_custom_values()
    {
        using var admin = app.AdminApi();
        var (seatsKey, regionKey) = (CrmApi.Unique("seats"), CrmApi.Unique("region"));
        var (seatsDefined, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/custom-fields", new { key = seatsKey, label = "Seats", type = "number" });
        var (regionDefined, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/custom-fields", new { key = regionKey, label = "Region", type = "text" });
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (seatsDefined.StatusCode, regionDefined.StatusCode));
        var email = $"{CrmApi.Unique("seats")}@example.com";
        await CrmApi.CreateContactAsync(admin, new { firstName = "Sam", email, customFields = new Dictionary<string, object> { [regionKey] = "EMEA" } });
        var (created, form) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/forms", new
        {
            name = CrmApi.Unique("Quote "),
            fields = new object[] { new { name = "email", label = "Email", mapsTo = "email" }, new { name = "seats", label = "Seats", mapsTo = $"custom:{seatsKey}" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var browser = app.Factory.CreateClient();

        var (status, _) = await FormApi.SubmitJsonAsync(browser, form.Key(), new { email, seats = 40 });

        Assert.Equal(HttpStatusCode.OK, status);
        var contact = Assert.Single(await FormApi.ContactsWithEmailAsync(admin, email));
        var custom = contact.GetProperty("customFields");
        Assert.Equal(40m, custom.GetProperty(seatsKey).GetDecimal());
        Assert.Equal("EMEA", custom.GetProperty(regionKey).GetString());
    }

    [Fact]
    public async Task Bad_submissions_get_a_clear_answer_naming_the_field_and_store_nothing()
    {
        using var admin = app.AdminApi();
        var form = await FormApi.CreateFormAsync(admin);
        using var browser = app.Factory.CreateClient();

        var (missing, missingBody) = await FormApi.SubmitJsonAsync(browser, form.Key(), new { first_name = "No email" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.True(missingBody.GetProperty("errors").TryGetProperty("email", out _), missingBody.ToString());

        var (invalid, invalidBody) = await FormApi.SubmitJsonAsync(browser, form.Key(), new { email = "not an address" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Contains("not an email address", invalidBody.GetProperty("errors").GetProperty("email")[0].GetString());

        var (nested, nestedBody) = await FormApi.SubmitJsonAsync(browser, form.Key(), new { email = "a@example.com", message = new { text = "hi" } });
        Assert.Equal(HttpStatusCode.BadRequest, nested);
        Assert.True(nestedBody.GetProperty("errors").TryGetProperty("message", out _), nestedBody.ToString());

        foreach (var (raw, field) in new[]
        {
            ("{\"email\":\"a@example.com\",\"first_name\":\"Nu\\u0000l\"}", "first_name"),
            ("{\"email\":\"a@example.com\",\"message\":\"\\ud800\"}", "message"),
            ("{\"email\":\"a@example.com\",\"job\":1" + new string('9', 400) + "}", "job"),
        })
        {
            using var hostile = await browser.PostAsync($"/f/{form.Key()}", new StringContent(raw, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            var problem = await hostile.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        using var nul = await browser.PostAsync($"/f/{form.Key()}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "a@example.com", ["message"] = "a\0b" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        var (unknown, _) = await FormApi.SubmitJsonAsync(browser, "no-such-form", new { email = "a@example.com" });
        Assert.Equal(HttpStatusCode.NotFound, unknown);

        using var page = await browser.PostAsync($"/f/{form.Key()}", new FormUrlEncodedContent(new Dictionary<string, string> { ["first_name"] = "Nobody" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString());
        Assert.Empty((await FormApi.SubmissionsAsync(admin, form.Id())).EnumerateArray());
    }

    [Fact]
    public async Task A_honeypot_or_an_instant_post_is_held_as_spam_for_review_and_can_be_released()
    {
        using var admin = app.AdminApi();
        var form = await FormApi.CreateFormAsync(admin);
        using var browser = app.Factory.CreateClient();
        var definition = await browser.GetFromJsonAsync<JsonElement>($"/f/{form.Key()}/definition", TestContext.Current.CancellationToken);
        var token = definition.GetProperty("token").GetString()!;
        var instantEmail = $"{CrmApi.Unique("instant")}@example.com";
        var botEmail = $"{CrmApi.Unique("bot")}@example.com";

        // A bot posts the rendered form at once; another fills every field, the hidden one too.
        using var instant = await browser.PostAsync($"/f/{form.Key()}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = instantEmail,
            ["_t"] = token,
        }), TestContext.Current.CancellationToken);
        var (botStatus, _) = await FormApi.SubmitJsonAsync(browser, form.Key(), new Dictionary<string, string> { ["email"] = botEmail, ["_website"] = "http://spam.example" });
        using var noToken = await browser.PostAsync($"/f/{form.Key()}", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = botEmail }), TestContext.Current.CancellationToken);

        // Each is answered as if accepted, so a bot learns nothing; nothing is made from them.
        Assert.Equal(HttpStatusCode.OK, instant.StatusCode);
        Assert.Contains("form-thank-you", await instant.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, botStatus);
        Assert.Equal(HttpStatusCode.OK, noToken.StatusCode);
        var spam = (await FormApi.SubmissionsAsync(admin, form.Id(), "spam")).EnumerateArray().ToList();
        Assert.Equal(3, spam.Count);
        Assert.Contains(spam, s => s.GetProperty("spamReason").GetString()!.StartsWith("Filled in", StringComparison.Ordinal));
        Assert.Contains(spam, s => s.GetProperty("spamReason").GetString()!.Contains("honeypot", StringComparison.Ordinal));
        Assert.Contains(spam, s => s.GetProperty("spamReason").GetString()!.Contains("token", StringComparison.Ordinal));
        Assert.Empty(await FormApi.ContactsWithEmailAsync(admin, instantEmail));
        Assert.Empty(await FormApi.ContactsWithEmailAsync(admin, botEmail));

        var held = spam.Single(s => s.GetProperty("email").GetString() == instantEmail);
        var (released, releasedBody) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/forms/{form.Id()}/submissions/{held.Id()}/release");
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal("processed", releasedBody.GetProperty("status").GetString());
        Assert.Single(await FormApi.ContactsWithEmailAsync(admin, instantEmail));
        var (again, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/forms/{form.Id()}/submissions/{held.Id()}/release");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Changing_a_consent_text_starts_a_new_version_and_each_submission_keeps_the_one_it_saw()
    {
        using var admin = app.AdminApi();
        var form = await FormApi.CreateFormAsync(admin);
        using var browser = app.Factory.CreateClient();
        var (_, first) = await FormApi.SubmitJsonAsync(browser, form.Key(), new { email = $"{CrmApi.Unique("v1-")}@example.com", consent_email = "on" });

        var (changed, changedBody) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/forms/{form.Id()}", new
        {
            name = form.GetProperty("name").GetString(),
            fields = new object[] { new { name = "email", label = "Email", mapsTo = "email", required = true } },
            consents = new[] { new { category = "email", text = "Send me product news and offers by email." } },
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, changedBody.GetProperty("consents")[0].GetProperty("version").GetInt32());
        var (_, second) = await FormApi.SubmitJsonAsync(browser, form.Key(), new { email = $"{CrmApi.Unique("v2-")}@example.com", consent_email = false });

        var submissions = (await FormApi.SubmissionsAsync(admin, form.Id())).EnumerateArray().ToDictionary(s => s.Id());
        var sawFirst = submissions[first.GetProperty("submissionId").GetString()!].GetProperty("consents")[0];
        var sawSecond = submissions[second.GetProperty("submissionId").GetString()!].GetProperty("consents")[0];
        Assert.Equal((1, true), (sawFirst.GetProperty("version").GetInt32(), sawFirst.GetProperty("granted").GetBoolean()));
        Assert.Equal((2, false), (sawSecond.GetProperty("version").GetInt32(), sawSecond.GetProperty("granted").GetBoolean()));
    }

    [Fact]
    public async Task A_contact_us_form_opens_tickets_that_go_to_the_teams_members_in_turn()
    {
        using var admin = app.AdminApi();
        var agents = new[] { await app.CreateUserAsync("SupportAgent"), await app.CreateUserAsync("SupportAgent") };
        var ids = new List<string>();
        foreach (var agent in agents)
        {
            ids.Add((await app.UserIdAsync(agent)).ToString());
        }

        var (_, team) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/teams", new { name = CrmApi.Unique("Inbound "), memberIds = ids });
        var form = await FormApi.CreateFormAsync(admin, createsTicket: true, teamId: team.Id());
        using var browser = app.Factory.CreateClient();

        var owners = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (status, answer) = await FormApi.SubmitJsonAsync(browser, form.Key(), new { email = $"{CrmApi.Unique("asker")}@example.com", message = $"Question {i}" });
            Assert.Equal(HttpStatusCode.OK, status);
            var submission = await FormApi.SubmissionAsync(admin, form.Id(), answer.GetProperty("submissionId").GetString()!);
            var (_, ticket) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/tickets/{submission.GetProperty("ticketId").GetString()}");
            Assert.Contains($"Question {i}", ticket.GetProperty("description").GetString());
            Assert.Equal("web form", ticket.GetProperty("channel").GetString());
            Assert.Equal(submission.GetProperty("assignedUserId").GetString(), ticket.GetProperty("assigneeId").GetString());
            owners.Add(submission.GetProperty("assignedUserId").GetString()!);
        }

        Assert.Equal(ids.Order().ToList(), owners.Take(2).Order().ToList());
        Assert.Equal(owners[0], owners[2]);
    }
}
