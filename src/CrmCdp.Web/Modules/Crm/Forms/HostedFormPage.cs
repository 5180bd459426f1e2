using System.Text;
using System.Text.Encodings.Web;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>
/// The hosted form page, rendered on the server so it works without JavaScript: the fields, the consent boxes with
/// their current text, the hidden fill token and honeypot, and a thank-you page. The shared embed script only adds the
/// visitor's analytics.js anonymous id.
/// </summary>
internal static class HostedFormPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
        label{display:block;margin:.9rem 0 .3rem;font-weight:600}input,textarea{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
        .consent{display:flex;gap:.5rem;font-weight:400}.consent input{width:auto}.error{color:#b91c1c;font-size:.9rem}
        .hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}button{margin-top:1.2rem;padding:.6rem 1.4rem;font:inherit}
        """;

    public static string Form(WebForm form, string token, IReadOnlyDictionary<string, string>? values = null, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var html = new StringBuilder();
        html.Append("<form method=\"post\" action=\"/f/").Append(E(form.Key)).Append("\" data-crmcdp-rendered=\"true\" novalidate>");
        foreach (var field in form.Fields)
        {
            var id = $"f_{field.Name}";
            var value = values?.GetValueOrDefault(field.Name) ?? "";
            html.Append("<label for=\"").Append(id).Append("\">").Append(E(field.Label)).Append(field.Required ? " *" : "").Append("</label>");
            var required = field.Required ? " required" : "";
            if (string.IsNullOrEmpty(field.MapsTo))
            {
                html.Append("<textarea id=\"").Append(id).Append("\" name=\"").Append(E(field.Name)).Append("\" rows=\"4\"").Append(required).Append('>').Append(E(value)).Append("</textarea>");
            }
            else
            {
                var type = field.MapsTo switch { FormMappings.Email => "email", "phone" => "tel", _ => "text" };
                html.Append("<input id=\"").Append(id).Append("\" name=\"").Append(E(field.Name)).Append("\" type=\"").Append(type).Append("\" value=\"").Append(E(value)).Append('"').Append(required).Append('>');
            }

            foreach (var error in errors?.GetValueOrDefault(field.Name) ?? [])
            {
                html.Append("<div class=\"error\" role=\"alert\">").Append(E(error)).Append("</div>");
            }
        }

        foreach (var consent in form.Consents)
        {
            var name = FormIntake.ConsentPrefix + consent.Category;
            html.Append("<label class=\"consent\"><input type=\"checkbox\" name=\"").Append(E(name)).Append("\" value=\"true\"> <span>").Append(E(consent.Text)).Append("</span></label>");
        }

        html.Append("<div class=\"hp\" aria-hidden=\"true\"><label>Website<input name=\"").Append(FormFillTokens.HoneypotName).Append("\" tabindex=\"-1\" autocomplete=\"off\"></label></div>")
            .Append("<input type=\"hidden\" name=\"").Append(FormFillTokens.FieldName).Append("\" value=\"").Append(E(token)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(FormIntake.AnonymousIdField).Append("\" value=\"").Append(E(values?.GetValueOrDefault(FormIntake.AnonymousIdField) ?? "")).Append("\">")
            .Append("<button type=\"submit\">Send</button></form>");
        return Page(form.Name, html.ToString());
    }

    public static string ThankYou(WebForm form) =>
        Page(form.Name, $"<p role=\"status\" data-testid=\"form-thank-you\">{E(form.ThankYouMessage ?? "Thank you! We have received your message.")}</p>");

    public static string Closed() => Page("Form not found", "<p>This form does not exist or is closed.</p>");

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + $"<title>{E(title)}</title><style>{Style}</style></head><body><h1>{E(title)}</h1>{body}<script src=\"/forms/embed.js\" async></script></body></html>";

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
