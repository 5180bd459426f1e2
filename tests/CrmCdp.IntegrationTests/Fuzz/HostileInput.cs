using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmCdp.IntegrationTests.Fuzz;

/// <summary>One request body as a fuzzer sends it: bytes, content type (or none), content encoding (or none).</summary>
internal sealed record HostileBody(byte[] Bytes, string? ContentType, string? ContentEncoding, string Description)
{
    public HttpContent ToContent()
    {
        var content = new ByteArrayContent(Bytes);
        if (ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        if (ContentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(ContentEncoding);
        }

        return content;
    }

    public string Preview => Description.Length > 300 ? Description[..300] + "…" : Description;
}

/// <summary>
/// Hostile JSON from a seed: plausible bodies with one value or key swapped for something that breaks parsers and
/// databases (NUL, lone surrogates, numbers beyond any type, deep nesting, huge strings, odd timestamps, wrong types),
/// invalid JSON and bytes, and every content type and encoding.
/// </summary>
internal sealed class HostileInput(int seed)
{
    private static readonly string[] Values =
    [
        "\"x\\u0000y\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\"", "\"a\\ud800b\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\\u0041\"",
        "\"\"", "\" \"", "\"null\"", "\"undefined\"", "\"0\"", "\"anonymous\"", "\"%s%n%x\"", "\"'; DROP TABLE crm_contacts; --\"",
        "\"<script>alert(1)</script>\"", "\"\\u202etxt.exe\"", "\"𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽\"", "\"\\\\\"", "\"a\\nb\\tc\\r\"",
        "1e999999", "-1e999999", "1e-999999", "1e308", "1.7976931348623157e309", "-0", "0.0", "1E+400", "123456789012345678901234567890",
        "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649", "1.5", "4.9e-324", "1e-400", "0e999999999",
        "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999Z\"", "\"0000-00-00\"", "\"2020-13-45T25:61:61Z\"", "\"1970-01-01T00:00:00Z\"",
        "\"2020-01-01T00:00:00+14:00\"", "\"-0001-01-01\"", "\"20200101\"", "\"1e10\"", "\"9999-12-31\"", "\"0001-01-01\"",
        "\"00000000-0000-0000-0000-000000000000\"", "\"not-a-guid\"",
        "true", "false", "null", "[]", "{}", "[1,2,3]", "[null]", "{\"a\":{\"b\":{\"c\":[]}}}", "[\"\\u0000\"]", "{\"\\u0000\":1}",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz", "application/octet-stream", "application/json; charset=utf-16", "application/xml", "*/*",
        "application/json; charset=\"", "garbage",
    ];

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>A hostile JSON value as text.</summary>
    public string Value() => _random.Next(12) switch
    {
        0 => $"\"{new string('x', _random.Next(2) == 0 ? 300 : 40_000)}\"",
        1 => Nested(_random.Next(2) == 0 ? 30 : 70),
        2 => $"\"{new string('9', 1_000)}\"",
        _ => Values[_random.Next(Values.Length)],
    };

    /// <summary>A hostile property name as JSON text (quoted).</summary>
    public string Key() => _random.Next(6) switch
    {
        0 => "\"x\\u0000y\"",
        1 => "\"\\ud800\"",
        2 => "\"\"",
        3 => $"\"{new string('k', 5_000)}\"",
        4 => "\"$type\"",
        _ => "\"__proto__\"",
    };

    /// <summary>The plausible body with one value swapped for a hostile one, or one hostile property added.</summary>
    public string Mutate(JsonNode plausible)
    {
        var copy = plausible.DeepClone();
        var slots = new List<(JsonNode Parent, object Where)>();
        Collect(copy, slots);
        const string placeholder = "\"__hostile__\"";
        if (slots.Count == 0 || _random.Next(5) == 0)
        {
            var target = slots.Count == 0 ? copy : slots[_random.Next(slots.Count)].Parent;
            if (target is JsonObject obj)
            {
                obj["__hostile_key__"] = 1;
                return copy.ToJsonString().Replace("\"__hostile_key__\"", Key(), StringComparison.Ordinal);
            }
        }

        if (slots.Count == 0)
        {
            return Value();
        }

        var (parent, where) = slots[_random.Next(slots.Count)];
        if (where is string name)
        {
            parent[name] = "__hostile__";
        }
        else
        {
            parent[(int)where] = "__hostile__";
        }

        return copy.ToJsonString().Replace(placeholder, Value(), StringComparison.Ordinal);
    }

    /// <summary>A body that is not the JSON the operation expects: broken, wrong shape, wrong bytes.</summary>
    public string Broken(string valid) => _random.Next(10) switch
    {
        0 => valid[..Math.Max(0, _random.Next(valid.Length))],
        1 => valid + ",}",
        2 => "[" + valid + "]",
        3 => "null",
        4 => "\"text\"",
        5 => "123",
        6 => "",
        7 => valid.Replace(":", "::", StringComparison.Ordinal),
        8 => "{\"a\":1,\"a\":2}",
        _ => Nested(200),
    };

    /// <summary>Wraps JSON text in a content type and encoding, sometimes with bytes that are not UTF-8 or not what they claim.</summary>
    public HostileBody Envelope(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var contentType = _random.Next(3) == 0 ? ContentTypes[_random.Next(ContentTypes.Length)] : "application/json";
        if (_random.Next(12) == 0)
        {
            contentType = null;
        }

        string? encoding = null;
        switch (_random.Next(14))
        {
            case 0:
                bytes = [0xEF, 0xBB, 0xBF, .. bytes];
                break;
            case 1:
                bytes = [.. bytes.Take(bytes.Length / 2), 0xFF, 0xFE, 0xC3, .. bytes.Skip(bytes.Length / 2)];
                break;
            case 2:
                bytes = Gzip(bytes);
                encoding = "gzip";
                break;
            case 3:
                encoding = _random.Next(2) == 0 ? "gzip" : "br";
                break;
            case 4:
                bytes = Encoding.Unicode.GetBytes(json);
                break;
            case 5:
                var noise = new byte[_random.Next(1, 64)];
                _random.NextBytes(noise);
                bytes = noise;
                break;
        }

        return new HostileBody(bytes, contentType, encoding, $"seed {Seed}, {contentType ?? "no content type"}, {encoding ?? "identity"}: {json}");
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static void Collect(JsonNode? node, List<(JsonNode Parent, object Where)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    slots.Add((obj, name));
                    Collect(child, slots);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, i));
                    Collect(array[i], slots);
                }

                break;
        }
    }
}
