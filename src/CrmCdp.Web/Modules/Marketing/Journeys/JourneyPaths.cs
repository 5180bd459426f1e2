using System.Text.Json;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>A person's path through a journey as people read it: "offer (sent) → pause (done) → call (created)".</summary>
internal static class JourneyPaths
{
    public static string Describe(JsonElement path) =>
        path.ValueKind != JsonValueKind.Array ? ""
            : string.Join(" → ", path.EnumerateArray().Select(p => $"{p.GetProperty("step").GetString()} ({p.GetProperty("outcome").GetString()})"));
}
