using FluentValidation;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

internal sealed class DestinationInputValidator : AbstractValidator<DestinationInput>
{
    public const int MaxBatchSize = 500;
    public const int MaxHeaders = 20;

    public static IReadOnlyList<string> EventTypes { get; } = ["track", "page", "screen", "identify", "group", "alias"];

    public static IReadOnlyList<string> CrmFacts { get; } = ["deal.created", "deal.stage_changed", "deal.won", "deal.lost", "ticket.opened", "ticket.solved", "contact.created"];

    // Set by the sender on every request: a destination may not replace them.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "webhook-id", "webhook-timestamp", "webhook-signature", "content-type", "content-length", "host", "transfer-encoding", "connection",
    };

    public DestinationInputValidator(IOptionsMonitor<DestinationOptions> options)
    {
        RuleFor(d => d.Name).NotEmpty().WithMessage("Name the destination, e.g. Marketing webhook.").MaximumLength(100).WithMessage("The name can be at most 100 characters.");
        RuleFor(d => d.Type).Must(t => t is null || t == DestinationTypes.Webhook).WithMessage("The type must be webhook.");
        RuleFor(d => d.Url).NotEmpty().WithMessage("Give the URL to send to, e.g. https://hooks.example.com/crmcdp.")
            .MaximumLength(2000).WithMessage("The URL can be at most 2,000 characters.")
            .Custom((url, context) =>
            {
                if (!string.IsNullOrWhiteSpace(url) && NetworkGuard.Refusal(url, options.CurrentValue.AllowPrivateNetworks) is { } refusal)
                {
                    context.AddFailure(refusal);
                }
            });
        RuleFor(d => d.Headers).Must(h => h is null || h.Count <= MaxHeaders).WithMessage($"At most {MaxHeaders} extra headers.")
            .Custom((headers, context) =>
            {
                foreach (var (name, value) in headers ?? [])
                {
                    if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                    {
                        context.AddFailure($"“{name}” is not a header name (letters, digits, - and _, at most 100).");
                    }
                    else if (ReservedHeaders.Contains(name))
                    {
                        context.AddFailure($"{name} is set by the sender; leave it out.");
                    }
                    else if (value is null || value.Length > 1000 || value.Any(char.IsControl))
                    {
                        context.AddFailure($"The value of {name} must be one line of at most 1,000 characters.");
                    }
                }
            });
        RuleFor(d => d.BatchSize).InclusiveBetween(1, MaxBatchSize).When(d => d.BatchSize is not null).WithMessage($"The batch size is 1 to {MaxBatchSize} events per request.");
        RuleFor(d => d.ConsentCategory).MaximumLength(100).WithMessage("The consent category can be at most 100 characters.");
        RuleFor(d => d.Subscriptions!.EventTypes).Must(t => t!.All(x => EventTypes.Contains(x, StringComparer.OrdinalIgnoreCase)))
            .When(d => d.Subscriptions?.EventTypes is not null).WithMessage($"Event types are {string.Join(", ", EventTypes)}.").OverridePropertyName("subscriptions.eventTypes");
        RuleFor(d => d.Subscriptions!.EventNames).Must(n => n!.Count <= 100 && n.All(x => !string.IsNullOrWhiteSpace(x) && x.Length <= 200))
            .When(d => d.Subscriptions?.EventNames is not null).WithMessage("Up to 100 event names of 1 to 200 characters.").OverridePropertyName("subscriptions.eventNames");
        RuleFor(d => d.Subscriptions!.Properties).Must(n => n!.Count <= 100 && n.All(x => !string.IsNullOrWhiteSpace(x) && x.Length <= 200))
            .When(d => d.Subscriptions?.Properties is not null).WithMessage("Up to 100 property names of 1 to 200 characters.").OverridePropertyName("subscriptions.properties");
        RuleFor(d => d.Subscriptions!.CrmFacts).Must(f => f!.All(CrmFacts.Contains))
            .When(d => d.Subscriptions?.CrmFacts is not null).WithMessage($"CRM facts are {string.Join(", ", CrmFacts)}.").OverridePropertyName("subscriptions.crmFacts");
    }
}
