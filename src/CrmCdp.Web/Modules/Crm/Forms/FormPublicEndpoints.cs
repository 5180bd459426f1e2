using System.Text.Json;
using CrmCdp.Web.Platform.Validation;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>
/// Where forms live for the public: <c>GET /f/{key}</c> (the hosted page), <c>GET /f/{key}/definition</c> (for the
/// embed script) and <c>POST /f/{key}</c>, which takes form-encoded or JSON fields by name plus anonymousId, and answers
/// JSON to scripts and a thank-you page to browsers.
/// </summary>
internal static class FormPublicEndpoints
{
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapFormPublicEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var forms = endpoints.MapGroup("/f").AllowAnonymous().DisableAntiforgery().RequireCors(Cdp.Ingestion.CollectEndpoints.CorsPolicy).WithTags("Web forms (public)");
        forms.MapGet("/{key}", async (string key, FormIntake intake, FormFillTokens tokens, CancellationToken ct) =>
                await intake.OpenFormAsync(key, ct) is { } form
                    ? Results.Content(HostedFormPage.Form(form, tokens.Issue(form.Key)), "text/html; charset=utf-8")
                    : Results.Content(HostedFormPage.Closed(), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("The hosted form page.");
        forms.MapGet("/{key}/definition", async (string key, FormIntake intake, FormFillTokens tokens, CancellationToken ct) =>
                await intake.OpenFormAsync(key, ct) is { } form ? Results.Ok(Definition(form, tokens.Issue(form.Key))) : Results.NotFound())
            .WithSummary("What the embed script renders: fields, consent boxes with their current text, and a fresh fill token.");
        forms.MapPost("/{key}", SubmitAsync)
            .WithSummary("Submits a form: fields by name (form-encoded or JSON), anonymousId, consent_<category> = true, and the fill token _t of a rendered form.");
        return endpoints;
    }

    private static async Task<IResult> SubmitAsync(string key, HttpContext http, FormIntake intake, FormFillTokens tokens, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"A submission is at most {MaxBodyBytes / 1024} KB.");
        }

        var browserForm = request.HasFormContentType;
        var (posted, problem) = browserForm ? await FromFormAsync(request, cancellationToken) : await FromJsonAsync(request, cancellationToken);
        if (posted is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [problem!.Value.Field] = [problem.Value.Message] }, title: "The submission could not be read.");
        }

        var outcome = await intake.SubmitAsync(key, posted, http.Connection.RemoteIpAddress?.ToString(), browserForm, cancellationToken);
        var wantsPage = browserForm && !request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        return (outcome.Result, wantsPage) switch
        {
            (IntakeResult.UnknownForm, true) => Results.Content(HostedFormPage.Closed(), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound),
            (IntakeResult.UnknownForm, false) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This form does not exist or is closed."),
            (IntakeResult.Invalid, true) => Results.Content(
                HostedFormPage.Form(outcome.Form!, tokens.Issue(outcome.Form!.Key), posted, outcome.Errors), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest),
            (IntakeResult.Invalid, false) => TypedResults.ValidationProblem(outcome.Errors!, title: "Some fields need another look."),
            (_, true) => Results.Content(HostedFormPage.ThankYou(outcome.Form!), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(new { ok = true, submissionId = outcome.SubmissionId, message = outcome.Form!.ThankYouMessage ?? "Thank you! We have received your message." }),
        };
    }

    private static async Task<(Dictionary<string, string>? Values, (string Field, string Message)? Problem)> FromFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return (form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal), null);
        }
        catch (InvalidDataException unreadable)
        {
            // ASP.NET Core's form reader refuses NUL characters and forms over its limits.
            return (null, ("body", $"The form could not be read: {unreadable.Message}"));
        }
    }

    private static async Task<(Dictionary<string, string>? Values, (string Field, string Message)? Problem)> FromJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            return (null, ("body", $"A submission is at most {MaxBodyBytes / 1024} KB."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            return (null, ("body", "Send the fields as a JSON object or as a form (application/x-www-form-urlencoded)."));
        }

        // What PostgreSQL cannot store (NUL, unpaired surrogates, numbers beyond numeric) is refused here, naming the field.
        if (StorableJson.FirstProblem(buffer.ToArray()) is { } unstorable)
        {
            document.Dispose();
            return (null, (unstorable.Path.Length == 0 ? "body" : unstorable.Path, unstorable.Message));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ("body", "Send the fields as a JSON object: { \"email\": \"…\", \"anonymousId\": \"…\" }."));
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String: values[property.Name] = property.Value.GetString()!; break;
                    case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number: values[property.Name] = property.Value.GetRawText(); break;
                    case JsonValueKind.Null: break;
                    default: return (null, (property.Name, "A field's value is text, a number or true/false."));
                }
            }

            return (values, null);
        }
    }

    private static object Definition(WebForm form, string token) => new
    {
        key = form.Key,
        name = form.Name,
        fields = form.Fields.Select(f => new
        {
            name = f.Name,
            label = f.Label,
            required = f.Required,
            type = f.MapsTo switch { FormMappings.Email => "email", "phone" => "tel", "" => "textarea", _ => "text" },
        }),
        consents = form.Consents.Select(c => new { name = FormIntake.ConsentPrefix + c.Category, category = c.Category, text = c.Text, version = c.Version }),
        honeypot = FormFillTokens.HoneypotName,
        tokenField = FormFillTokens.FieldName,
        token,
    };
}
