using FluentValidation;

namespace CrmCdp.Web.Modules.Admin.ApiKeys;

internal sealed class CreateApiKeyRequest
{
    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public DateTimeOffset? ExpiresAt { get; set; }
}

internal sealed class CreateApiKeyRequestValidator : AbstractValidator<CreateApiKeyRequest>
{
    public CreateApiKeyRequestValidator(TimeProvider timeProvider)
    {
        RuleFor(r => r.Name)
            .NotEmpty().WithMessage("Give the key a name that says what uses it.")
            .MaximumLength(200).WithMessage("The name can be at most 200 characters.");
        RuleFor(r => r.Role)
            .NotEmpty().WithMessage("Choose the role whose permissions the key carries.");
        RuleFor(r => r.ExpiresAt)
            .Must(expiresAt => expiresAt is null || expiresAt > timeProvider.GetUtcNow())
            .WithMessage("The expiry must be in the future (or empty for a key that does not expire).");
    }
}
