using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace CrmCdp.Web.Platform.Validation;

/// <summary>Where in a JSON document a value PostgreSQL cannot store sits (<c>properties.tags[2]</c>), and why.</summary>
internal sealed record StorageProblem(string Path, string Message);

/// <summary>
/// Finds what System.Text.Json reads but PostgreSQL refuses to store, so such input is answered with a 400 before it
/// reaches a writer: a NUL character (text and jsonb cannot hold one), an unpaired UTF-16 surrogate or bytes that are
/// not UTF-8 (reading them as a .NET string throws), and numbers that jsonb's numeric cannot hold — or could hold only
/// by inflating a few bytes of input into kilobytes of storage.
/// </summary>
internal static class StorableJson
{
    /// <summary>Digits before the decimal point: the magnitude of a double (10^309 exceeds every double).</summary>
    public const int MaxIntegerDigits = 309;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Digits after the decimal point, exponent included: PostgreSQL's NUMERIC_MAX_DISPLAY_SCALE.</summary>
    public const int MaxFractionDigits = 1000;

    public static readonly string NumberLimit =
        $"Numbers are limited to {MaxIntegerDigits} digits before the decimal point and {MaxFractionDigits:N0} after it.";

    /// <summary>The first value of a JSON text that cannot be stored, or null when all of it can (or the text is not JSON: its reader says so).</summary>
    /// <param name="pathPrefix">Prepended to every path (the field that holds <paramref name="utf8Json"/>), or empty.</param>
    /// <param name="skipTopLevelProperty">A property of the root object not to look into (checked elsewhere).</param>
    public static StorageProblem? FirstProblem(ReadOnlySpan<byte> utf8Json, string pathPrefix = "", string? skipTopLevelProperty = null)
    {
        // The serializer skips a leading byte order mark (the reader would refuse it): what it will read is what is checked.
        if (utf8Json.StartsWith(Utf8ByteOrderMark))
        {
            utf8Json = utf8Json[Utf8ByteOrderMark.Length..];
        }

        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        var path = new List<Segment>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(new Segment(reader.TokenType == JsonTokenType.StartArray, -1, 0, -1));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var nameStart = (int)reader.TokenStartIndex + 1;
                        path[^1] = path[^1] with { NameStart = nameStart, NameLength = reader.ValueSpan.Length };
                        if (StringProblem(reader.ValueSpan, reader.ValueIsEscaped) is { } nameProblem)
                        {
                            return new StorageProblem(Describe(utf8Json, path, pathPrefix), $"A property name {nameProblem}");
                        }

                        if (path.Count == 1 && skipTopLevelProperty is not null && reader.ValueTextEquals(skipTopLevelProperty))
                        {
                            reader.Skip();
                        }

                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        if (StringProblem(reader.ValueSpan, reader.ValueIsEscaped) is { } valueProblem)
                        {
                            return new StorageProblem(Describe(utf8Json, path, pathPrefix), $"The text {valueProblem}");
                        }

                        break;
                    case JsonTokenType.Number:
                        Advance(path);
                        if (!NumberFits(reader.ValueSpan))
                        {
                            return new StorageProblem(Describe(utf8Json, path, pathPrefix), NumberLimit);
                        }

                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The string's value, or its JSON text as sent when it cannot be read as a string (for logs and debuggers).</summary>
    public static string Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value.GetRawText();
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText();
        }
    }

    /// <summary>Why a JSON string's raw bytes cannot be stored (completing "The text …"), or null.</summary>
    private static string? StringProblem(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!Utf8.IsValid(raw))
        {
            return "holds bytes that are not UTF-8.";
        }

        if (!escaped)
        {
            return null;
        }

        var pendingHighSurrogate = false;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\')
            {
                if (pendingHighSurrogate)
                {
                    return "holds an unpaired UTF-16 surrogate (\\uD800–\\uDFFF).";
                }

                continue;
            }

            i++;
            if (raw[i] != 'u')
            {
                if (pendingHighSurrogate)
                {
                    return "holds an unpaired UTF-16 surrogate (\\uD800–\\uDFFF).";
                }

                continue;
            }

            var code = int.Parse(Encoding.ASCII.GetString(raw.Slice(i + 1, 4)), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            i += 4;
            if (code == 0)
            {
                return "holds a NUL character (\\u0000), which cannot be stored.";
            }

            var isHigh = code is >= 0xD800 and <= 0xDBFF;
            var isLow = code is >= 0xDC00 and <= 0xDFFF;
            if ((isLow && !pendingHighSurrogate) || (isHigh && pendingHighSurrogate) || (!isLow && !isHigh && pendingHighSurrogate))
            {
                return "holds an unpaired UTF-16 surrogate (\\uD800–\\uDFFF).";
            }

            pendingHighSurrogate = isHigh;
        }

        return pendingHighSurrogate ? "holds an unpaired UTF-16 surrogate (\\uD800–\\uDFFF)." : null;
    }

    /// <summary>Whether a JSON number (grammar already checked by the reader) is within <see cref="MaxIntegerDigits"/> and <see cref="MaxFractionDigits"/>.</summary>
    private static bool NumberFits(ReadOnlySpan<byte> number)
    {
        if (number.Length <= 15 && number.IndexOfAny((byte)'e', (byte)'E') < 0)
        {
            return true;
        }

        var digits = number[0] == '-' ? number[1..] : number;
        var exponentAt = digits.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = exponentAt < 0 ? digits : digits[..exponentAt];
        var exponent = 0L;
        if (exponentAt >= 0)
        {
            var text = digits[(exponentAt + 1)..];
            var negative = text[0] == '-';
            text = text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
            text = text.TrimStart((byte)'0');
            if (text.Length > 9)
            {
                return false;
            }

            exponent = text.Length == 0 ? 0 : long.Parse(Encoding.ASCII.GetString(text), CultureInfo.InvariantCulture);
            exponent = negative ? -exponent : exponent;
        }

        var point = mantissa.IndexOf((byte)'.');
        var integerPart = point < 0 ? mantissa : mantissa[..point];
        var fractionPart = point < 0 ? [] : mantissa[(point + 1)..];
        if (fractionPart.Length - exponent > MaxFractionDigits)
        {
            return false;
        }

        // The power of ten of the leading non-zero digit; a zero has none and fits.
        var significantInteger = integerPart.TrimStart((byte)'0');
        long leadingPower;
        if (significantInteger.Length > 0)
        {
            leadingPower = significantInteger.Length - 1 + exponent;
        }
        else
        {
            var firstNonZero = fractionPart.IndexOfAnyExcept((byte)'0');
            if (firstNonZero < 0)
            {
                return true;
            }

            leadingPower = -(firstNonZero + 1) + exponent;
        }

        return leadingPower < MaxIntegerDigits;
    }

    private static void Advance(List<Segment> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
        }
    }

    private static string Describe(ReadOnlySpan<byte> json, List<Segment> path, string prefix)
    {
        var text = new StringBuilder(prefix);
        foreach (var segment in path)
        {
            if (segment.IsArray)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{Math.Max(segment.Index, 0)}]");
            }
            else if (segment.NameStart >= 0)
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                // The name as sent (escapes kept), so a NUL or a lone surrogate in it stays printable.
                text.Append(Encoding.UTF8.GetString(json.Slice(segment.NameStart, segment.NameLength)));
            }
        }

        return text.Length == 0 ? "body" : text.ToString();
    }

    /// <summary>One level of the path: an array and the index of its current item, or an object and its current property name's bytes.</summary>
    private readonly record struct Segment(bool IsArray, int Index, int NameLength, int NameStart);
}
