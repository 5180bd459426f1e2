using FluentValidation;

namespace CrmCdp.Web.Platform.Email;

internal sealed class EmailTemplateInput
{
    public string? Name { get; set; }

    public string? Subject { get; set; }

    public string? Html { get; set; }

    public string? Text { get; set; }
}

internal sealed class EmailTemplateInputValidator : AbstractValidator<EmailTemplateInput>
{
    public EmailTemplateInputValidator()
    {
        RuleFor(t => t.Name).NotEmpty().WithMessage("Name the template.").MaximumLength(200);
        RuleFor(t => t.Subject).NotEmpty().WithMessage("Write a subject.").MaximumLength(998)
            .Must(s => s is null || !s.Contains('\n', StringComparison.Ordinal)).WithMessage("A subject is one line.");
        RuleFor(t => t).Must(t => !string.IsNullOrWhiteSpace(t.Html) || !string.IsNullOrWhiteSpace(t.Text))
            .WithName("html").OverridePropertyName("html").WithMessage("Write the email's body, as HTML or plain text.");
        RuleFor(t => t.Html).MaximumLength(500_000);
        RuleFor(t => t.Text).MaximumLength(200_000);
        RuleFor(t => t.Subject).Must(s => LiquidTemplates.Check(s) is null).WithMessage(t => LiquidTemplates.Check(t.Subject)!);
        RuleFor(t => t.Html).Must(s => LiquidTemplates.Check(s) is null).WithMessage(t => LiquidTemplates.Check(t.Html)!);
        RuleFor(t => t.Text).Must(s => LiquidTemplates.Check(s) is null).WithMessage(t => LiquidTemplates.Check(t.Text)!);
    }
}
