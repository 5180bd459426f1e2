using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Contracts;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>
/// What a submission tells the CDP: an identify with the mapped traits and the consents given, and a "Form Submitted"
/// track, both under the visitor's analytics.js anonymous id so they join the visitor's browsing history. Message ids
/// come from the submission, so sending again stores nothing twice.
/// </summary>
internal sealed class FormEvents(IProductEvents productEvents)
{
    public const string EventName = "Form Submitted";

    private static readonly Dictionary<string, string> TraitNames = new(StringComparer.Ordinal)
    {
        [FormMappings.Email] = "email",
        ["firstName"] = "firstName",
        ["lastName"] = "lastName",
        ["phone"] = "phone",
        ["company"] = "company",
        ["jobTitle"] = "title",
    };

    public Task<bool> SendAsync(WebForm form, FormSubmission submission, CancellationToken cancellationToken)
    {
        var values = submission.Values;
        var traits = new JsonObject();
        foreach (var field in form.Fields.Where(f => TraitNames.ContainsKey(f.MapsTo) && values.TryGetValue(f.Name, out var v) && !string.IsNullOrWhiteSpace(v)))
        {
            traits[TraitNames[field.MapsTo]] = values[field.Name].Trim();
        }

        var anonymousId = submission.AnonymousId ?? $"form-submission-{submission.Id}";
        var granted = new JsonObject();
        foreach (var consent in submission.Consents.Where(c => c.Granted))
        {
            granted[consent.Category] = true;
        }

        var context = new JsonObject { ["library"] = new JsonObject { ["name"] = "crmcdp-forms" } };
        if (granted.Count > 0)
        {
            context["consent"] = new JsonObject { ["categoryPreferences"] = granted };
        }

        var at = submission.ReceivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var identify = new JsonObject
        {
            ["type"] = "identify",
            ["messageId"] = $"form-{submission.Id}-identify",
            ["anonymousId"] = anonymousId,
            ["traits"] = traits,
            ["context"] = context,
            ["timestamp"] = at,
        };
        var track = new JsonObject
        {
            ["type"] = "track",
            ["event"] = EventName,
            ["messageId"] = $"form-{submission.Id}-submitted",
            ["anonymousId"] = anonymousId,
            ["properties"] = new JsonObject
            {
                ["form_id"] = form.Id.ToString(),
                ["form_name"] = form.Name,
                ["submission_id"] = submission.Id.ToString(),
                ["consents"] = new JsonArray([.. submission.Consents.Select(c => (JsonNode)new JsonObject { ["category"] = c.Category, ["version"] = c.Version, ["granted"] = c.Granted })]),
            },
            ["context"] = new JsonObject { ["library"] = new JsonObject { ["name"] = "crmcdp-forms" }, ["traits"] = traits.DeepClone() },
            ["timestamp"] = at,
        };
        return productEvents.SendAsync(ProductSource.WebForms, [identify, track], cancellationToken);
    }
}
