using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;

namespace CrmCdp.IntegrationTests.Fuzz;

/// <summary>
/// A security regression net over the whole OpenAPI document: every operation refuses a caller without credentials and
/// a key whose role holds no permission, except the public ones named here, so an endpoint added without its permission
/// fails this test.
/// </summary>
[Collection(FuzzAppGroup.Name)]
public sealed class EndpointAuthorizationTests(FuzzApp app)
{
    /// <summary>Public: each checks a credential of its own (a source's write key, a form's public id), not a signed-in person.</summary>
    private static readonly string[] PublicPrefixes = ["/v1/", "/f/"];

    /// <summary>What any signed-in identity may do whatever its role: read who it is and whether it has a calendar feed.</summary>
    private static readonly string[] AnyIdentity = ["GET /api/v1/me", "GET /api/v1/me/calendar-feed"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_refuses_callers_without_credentials_and_a_key_of_a_role_without_permissions()
    {
        using var admin = app.AdminApi();
        var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var role = CrmApi.Unique("No permissions ");
        var (createdRole, roleBody) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles", new { name = role, permissions = new Dictionary<string, string>() });
        Assert.True(createdRole.IsSuccessStatusCode, roleBody.ToString());
        var (createdKey, keyBody) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/api-keys", new { name = "Weakest key", role });
        Assert.True(createdKey.IsSuccessStatusCode, keyBody.ToString());
        using var anonymous = app.Factory.CreateClient();
        using var weakest = app.Factory.CreateClient();
        weakest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keyBody.GetProperty("key").GetString());

        var failures = new List<string>();
        var checkedOperations = 0;
        foreach (var (method, template, numbers) in Operations(document))
        {
            if (PublicPrefixes.Any(p => template.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            checkedOperations++;
            // Each path parameter of its type, so the route matches and the request reaches authorization.
            var path = System.Text.RegularExpressions.Regex.Replace(template, "{([^}]+)}", m => numbers.Contains(m.Groups[1].Value) ? "1" : Guid.NewGuid().ToString());
            using (var response = await SendAsync(anonymous, method, path))
            {
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method} {template} without credentials: {(int)response.StatusCode}");
                }
            }

            if (AnyIdentity.Contains($"{method} {template}"))
            {
                continue;
            }

            using (var response = await SendAsync(weakest, method, path))
            {
                if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized))
                {
                    failures.Add($"{method} {template} with a key of a role without permissions: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(checkedOperations > 100, $"only {checkedOperations} protected operations found in the OpenAPI document");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Every operation, with the names of its integer path parameters.</summary>
    private static IEnumerable<(HttpMethod Method, string Path, HashSet<string> Numbers)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where operation.Name is "get" or "post" or "put" or "patch" or "delete"
        select (new HttpMethod(operation.Name.ToUpperInvariant()), path.Name, IntegerPathParameters(operation.Value));

    private static HashSet<string> IntegerPathParameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? [.. parameters.EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "path" && p.TryGetProperty("schema", out var schema) && schema.TryGetProperty("type", out var type)
                    && type.ToString().Contains("integer", StringComparison.Ordinal))
                .Select(p => p.GetProperty("name").GetString()!)]
            : [];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, Ct);
    }
}
