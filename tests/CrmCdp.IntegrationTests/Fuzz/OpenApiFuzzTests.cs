using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmCdp.Tests.Shared;

namespace CrmCdp.IntegrationTests.Fuzz;

/// <summary>
/// Every operation of the OpenAPI document that takes a JSON body gets hostile bodies as an admin: plausible bodies built
/// from its schema with one value or key made hostile, broken JSON, and odd content types and encodings. None may
/// answer 5xx, and a 400 must name the field. Path ids are real records (the admin's own user, roles and keys excepted).
/// </summary>
[Collection(FuzzAppGroup.Name)]
public sealed partial class OpenApiFuzzTests(FuzzApp app)
{
    private const int MutationsPerOperation = 40;

    public static TheoryData<int> Seeds() => TestSeeds.For(20261207);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_json_operation_answers_hostile_bodies_without_a_5xx(int seed)
    {
        using var admin = app.AdminApi();
        var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var schemas = new OpenApiSchemas(document);
        var operations = JsonOperations(document).ToList();
        Assert.True(operations.Count > 30, $"only {operations.Count} JSON operations found in the OpenAPI document");
        var protectedIds = await IdsListedAsync(admin, "/api/v1/users", "/api/v1/roles", "/api/v1/api-keys");
        var examples = await ApiExamples.CreateAsync(admin, Ct);

        var input = new HostileInput(seed);
        var failures = new List<string>();
        var coverage = new List<string>();
        var answered = 0;
        foreach (var operation in operations)
        {
            var path = await ConcretePathAsync(admin, operation.Path, examples, protectedIds);
            var plausible = await PlausibleAsync(admin, operation, path, examples, schemas);
            using (var valid = await SendAsync(admin, operation.Method, path, Json(plausible.ToJsonString())))
            {
                coverage.Add($"{operation.Method} {operation.Path}: plausible body {(int)valid.StatusCode}" + (valid.IsSuccessStatusCode ? "" : await valid.Content.ReadAsStringAsync(Ct)));
            }

            for (var i = 0; i < MutationsPerOperation; i++)
            {
                // Most calls are well-formed JSON with one hostile value, so that value meets the validators and the database.
                var body = i switch
                {
                    < 4 => input.Envelope(input.Broken(plausible.ToJsonString())),
                    < 8 => input.Envelope(input.Mutate(plausible)),
                    _ => Json(input.Mutate(plausible)),
                };
                using var response = await SendAsync(admin, operation.Method, path, body);
                answered++;
                if (await ProblemAsync(response) is { } problem)
                {
                    failures.Add($"{problem} on {operation.Method} {path} ({body.Preview})");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", coverage));
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {answered} hostile calls were answered badly:\n{string.Join("\n", failures.Take(25))}");
    }

    /// <summary>Why an answer to a hostile body is wrong: a 5xx, or a 400 that names no field; null when it is right.</summary>
    private static async Task<string?> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        if ((int)response.StatusCode >= 500)
        {
            return $"{(int)response.StatusCode}: {text}";
        }

        if (response.StatusCode != System.Net.HttpStatusCode.BadRequest)
        {
            return null;
        }

        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            return problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any()
                ? null
                : $"400 naming no field: {text}";
        }
        catch (JsonException)
        {
            return $"400 without problem details: {text}";
        }
    }

    /// <summary>A body that passes the operation's checks: the example, else what a GET of the same path returns, else one built from the schema.</summary>
    private static async Task<JsonNode> PlausibleAsync(HttpClient admin, JsonOperation operation, string path, ApiExamples examples, OpenApiSchemas schemas)
    {
        JsonNode? current = null;
        if (operation.Method == HttpMethod.Put)
        {
            using var read = await admin.GetAsync(path, Ct);
            current = read.IsSuccessStatusCode ? JsonNode.Parse(await read.Content.ReadAsStringAsync(Ct)) : null;
        }

        if (examples.For(operation.Method, operation.Path) is { } example)
        {
            // An update carries the version it read.
            if (example is JsonObject update && current is JsonObject record && record["version"] is { } version)
            {
                update["version"] = version.DeepClone();
            }

            return example;
        }

        return current ?? schemas.Plausible(operation.Schema);
    }

    private static HostileBody Json(string json) => new(System.Text.Encoding.UTF8.GetBytes(json), "application/json", null, json);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HostileBody body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body.ToContent() };
        return await client.SendAsync(request, Ct);
    }

    private static IEnumerable<JsonOperation> JsonOperations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object
                    && operation.Value.TryGetProperty("requestBody", out var body)
                    && body.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var schema))
                {
                    yield return new JsonOperation(new HttpMethod(operation.Name.ToUpperInvariant()), path.Name, schema);
                }
            }
        }
    }

    /// <summary>The path with each parameter replaced: the examples' record of that kind, a listed record, or a new id.</summary>
    private static async Task<string> ConcretePathAsync(HttpClient admin, string template, ApiExamples examples, HashSet<string> protectedIds)
    {
        var path = template;
        foreach (Match parameter in PathParameter().Matches(template))
        {
            var collection = template[..parameter.Index].TrimEnd('/');
            var listed = await IdsListedAsync(admin, collection);
            listed.ExceptWith(protectedIds);
            var id = examples.IdFor(template, collection) ?? (listed.Count > 0 ? listed.Order(StringComparer.Ordinal).First() : Guid.NewGuid().ToString());
            path = path.Replace(parameter.Value, id, StringComparison.Ordinal);
        }

        return path;
    }

    private static async Task<HashSet<string>> IdsListedAsync(HttpClient admin, params string[] lists)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in lists.Where(l => !l.Contains('{', StringComparison.Ordinal)))
        {
            using var response = await admin.GetAsync(list, Ct);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            var items = json.ValueKind == JsonValueKind.Array ? json : json.ValueKind == JsonValueKind.Object && json.TryGetProperty("items", out var page) ? page : default;
            if (items.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    ids.Add(id.GetString()!);
                }
            }
        }

        return ids;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    private sealed record JsonOperation(HttpMethod Method, string Path, JsonElement Schema);
}

/// <summary>Builds a plausible value for an OpenAPI 3.1 schema: every property filled, the first enum value, formats honoured.</summary>
internal sealed class OpenApiSchemas(JsonElement document)
{
    public JsonNode Plausible(JsonElement schema) => Value(schema, 0) ?? new JsonObject();

    private JsonNode? Value(JsonElement schema, int depth)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return depth > 6 ? null : Value(document.GetProperty("components").GetProperty("schemas").GetProperty(name), depth + 1);
        }

        foreach (var combinator in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                return options.EnumerateArray().Select(o => Value(o, depth + 1)).FirstOrDefault(v => v is not null);
            }
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return values.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => JsonNode.Parse(v.GetRawText())).FirstOrDefault();
        }

        var type = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString()
            : schema.TryGetProperty("properties", out _) ? "object" : null;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return type switch
        {
            "object" => Object(schema, depth),
            "array" => depth > 6 ? new JsonArray() : new JsonArray(schema.TryGetProperty("items", out var items) ? Value(items, depth + 1) : "item"),
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            "string" => format switch
            {
                "uuid" => Guid.NewGuid().ToString(),
                "date-time" => DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
                "date" => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "email" => $"fuzz-{Guid.NewGuid():N}@example.com",
                "uri" => "https://example.com/fuzz",
                _ => $"Fuzz {Guid.NewGuid().ToString("N")[..6]}",
            },
            _ => "fuzz",
        };
    }

    private JsonObject Object(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        if (depth > 6 || !schema.TryGetProperty("properties", out var properties))
        {
            return result;
        }

        foreach (var property in properties.EnumerateObject())
        {
            result[property.Name] = Value(property.Value, depth + 1);
        }

        return result;
    }
}
