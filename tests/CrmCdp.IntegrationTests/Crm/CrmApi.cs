using System.Net.Http.Json;
using System.Text.Json;

namespace CrmCdp.IntegrationTests.Crm;

/// <summary>Small helpers for calling the CRM API in tests.</summary>
internal static class CrmApi
{
    public static async Task<JsonElement> CreateContactAsync(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/contacts", body, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Creating a contact answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient api, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await api.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = text.Length > 0 ? JsonSerializer.Deserialize<JsonElement>(text) : default;
        return (response, json);
    }

    public static string Id(this JsonElement element) => element.GetProperty("id").GetString()!;

    public static IEnumerable<string> Ids(this JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!);

    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";
}
