using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace CrmCdp.Web.Platform.Logging;

/// <summary>
/// Masks credentials in every log property before it is written: authorization header values, API keys
/// (<c>crm_…</c>), source write keys (<c>wk_…</c>) and the write key in the analytics.js settings path.
/// </summary>
internal sealed partial class SecretMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && Mask(text) is var masked && !ReferenceEquals(masked, text))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(masked)));
            }
        }
    }

    /// <summary>The text with secrets replaced by "***"; the same instance when there was nothing to mask.</summary>
    public static string Mask(string text)
    {
        var masked = AuthorizationValue().Replace(text, "$1 ***");
        masked = KeyValue().Replace(masked, "$1***");
        masked = SettingsPath().Replace(masked, "$1***$2");
        return masked == text ? text : masked;
    }

    [GeneratedRegex(@"\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"\b(crm_|wk_)[A-Za-z0-9\-_]{4,}")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(/v1/projects/)[^/\s?]+(/settings)", RegexOptions.IgnoreCase)]
    private static partial Regex SettingsPath();
}
