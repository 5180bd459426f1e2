using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Forms;

/// <summary>What the form tests share: a form made through the API, public submissions, and the resulting records.</summary>
internal static class FormApi
{
    public static async Task<JsonElement> CreateFormAsync(HttpClient admin, object? consents = null, bool createsTicket = false, string? teamId = null)
    {
        var (response, form) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/forms", new
        {
            name = CrmApi.Unique("Contact us "),
            fields = new object[]
            {
                new { name = "email", label = "Email", mapsTo = "email", required = true },
                new { name = "first_name", label = "First name", mapsTo = "firstName", required = false },
                new { name = "job", label = "Job title", mapsTo = "jobTitle", required = false },
                new { name = "message", label = "Message", required = false },
            },
            consents = consents ?? new[] { new { category = "email", text = "Send me product news by email." } },
            createsTicket,
            assignTeamId = teamId,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating a form answered {(int)response.StatusCode}: {form}");
        return form;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SubmitJsonAsync(HttpClient client, string key, object fields)
    {
        using var response = await client.PostAsJsonAsync($"/f/{key}", fields, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length > 0 ? JsonSerializer.Deserialize<JsonElement>(text) : default);
    }

    public static async Task<JsonElement> SubmissionsAsync(HttpClient admin, string formId, string? status = null)
    {
        var (_, body) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/forms/{formId}/submissions{(status is null ? "" : $"?status={status}")}");
        return body;
    }

    public static async Task<JsonElement[]> ContactsWithEmailAsync(HttpClient admin, string email)
    {
        var (_, page) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts?email={Uri.EscapeDataString(email)}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public static string Key(this JsonElement form) => form.GetProperty("key").GetString()!;

    public static Task<JsonElement> SubmissionAsync(HttpClient admin, string formId, string submissionId) =>
        Eventually.UntilAsync(
            async () => (await SubmissionsAsync(admin, formId)).EnumerateArray().FirstOrDefault(s => s.Id() == submissionId),
            s => s.ValueKind == JsonValueKind.Object && s.GetProperty("inCdp").GetBoolean(),
            $"submission {submissionId} reaching the CDP");
}
