using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class SalesRepDayTests(BrowserApp app)
{
    [Fact]
    public async Task A_sales_rep_creates_a_contact_logs_a_call_adds_a_task_and_completes_it_from_my_day()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        var lastName = $"Okafor{Guid.NewGuid().ToString("N")[..5]}";

        await page.GetByTestId("nav-contacts").ClickAsync();
        await Assertions.Expect(page.GetByText("No contacts yet.")).ToBeVisibleAsync();
        await page.GetByTestId("new-contact").ClickAsync();
        await page.GetByTestId("save-contact").ClickAsync();
        await Assertions.Expect(page.GetByText("Give the contact a name or an email address.")).ToBeVisibleAsync();
        await page.GetByTestId("contact-first-name").FillAsync("Ada");
        // The message goes as soon as the form is valid, before saving again.
        await Assertions.Expect(page.GetByText("Give the contact a name or an email address.")).ToHaveCountAsync(0);
        await page.GetByTestId("contact-last-name").FillAsync(lastName);
        await page.GetByTestId("contact-email").FillAsync("not-an-email");
        await page.GetByTestId("save-contact").ClickAsync();
        await Assertions.Expect(page.GetByText("'not-an-email' is not a valid email address.")).ToBeVisibleAsync();
        await page.GetByTestId("contact-email").FillAsync($"ada.{lastName}@example.com");
        await page.GetByTestId("contact-phones").FillAsync("+1 415 555 0199");
        await page.GetByTestId("save-contact").ClickAsync();

        await Assertions.Expect(page.GetByTestId("contact-name")).ToHaveTextAsync($"Ada {lastName}");
        await Screenshots.SaveAsync(page, "rep-contact-360");

        await page.GetByTestId("log-call").ClickAsync();
        await page.GetByTestId("activity-body").FillAsync("Asked for a quote for 40 seats.");
        await page.GetByTestId("save-activity").ClickAsync();
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Asked for a quote for 40 seats.");

        await page.GetByTestId("add-task").ClickAsync();
        await page.GetByTestId("task-title").FillAsync("Send the quote");
        await page.GetByTestId("due-today").ClickAsync();
        await page.GetByTestId("save-task").ClickAsync();
        await Assertions.Expect(page.GetByTestId("open-task")).ToContainTextAsync("Send the quote");
        await Screenshots.SaveAsync(page, "rep-contact-with-call-and-task");

        await page.GetByTestId("nav-my-day").ClickAsync();
        await Assertions.Expect(page.GetByTestId("my-day-count")).ToHaveTextAsync("1");
        var task = page.GetByTestId("my-day-tasks").GetByTestId("open-task").Filter(new() { HasText = "Send the quote" });
        await Assertions.Expect(task).ToContainTextAsync($"Ada {lastName}");
        await Screenshots.SaveAsync(page, "rep-my-day");
        await task.GetByTestId("complete-task").ClickAsync();

        await Assertions.Expect(page.GetByTestId("my-day-tasks").GetByTestId("open-task")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Nothing due today.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "rep-my-day-done");
    }

    [Fact]
    public async Task Another_reps_contact_cannot_be_opened_by_url()
    {
        var owner = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var otherEmail = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        using var created = await owner.Api.PostAsync("/api/v1/contacts",
            System.Net.Http.Json.JsonContent.Create(new { firstName = "Private", lastName = "Person" }), TestContext.Current.CancellationToken);
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content, TestContext.Current.CancellationToken))
            .GetProperty("id").GetString();
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, otherEmail, AppFixture.TestPassword);

        await page.GotoAsync($"/crm/contacts/{id}");

        await Assertions.Expect(page.GetByTestId("contact-not-found")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Private Person")).ToHaveCountAsync(0);
    }
}
