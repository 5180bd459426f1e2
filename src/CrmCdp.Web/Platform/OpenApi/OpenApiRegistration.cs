using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CrmCdp.Web.Platform.OpenApi;

internal static class OpenApiRegistration
{
    public static IServiceCollection AddAppOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // Only the automation API and the CDP collection routes; pages and form posts are not API.
            options.ShouldInclude = description => description.RelativePath is { } path
                && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("v1/", StringComparison.Ordinal));
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CrmCdp API";
                document.Info.Description =
                    "Automation API of CrmCdp. Authenticate with `Authorization: Bearer <api key>`; keys are created under Admin → API keys.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key created by an administrator.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapAppOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        // Self-hosted: everything comes from this server (no CDN fonts, no telemetry), and the hosted-service buttons
        // (AI chat, MCP, SDK generation and deploy in the developer toolbar) do not apply.
        endpoints.MapScalarApiReference(Auth.AuthRegistration.ApiReferencePath, options => options
            .WithTitle("CrmCdp API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return endpoints;
    }
}
