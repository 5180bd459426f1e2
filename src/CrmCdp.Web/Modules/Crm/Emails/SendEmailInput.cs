using CrmCdp.Web.Platform.Email;
using FluentValidation;

namespace CrmCdp.Web.Modules.Crm.Emails;

/// <summary><c>POST /api/v1/emails</c>: a template, or a subject with an HTML or text body; either may use Liquid.</summary>
public sealed class SendEmailInput
{
    public Guid? ContactId { get; set; }

    /// <summary>Also shows the email on this deal's timeline.</summary>
    public Guid? DealId { get; set; }

    public Guid? TemplateId { get; set; }

    /// <summary>Overrides the template's subject when both are given.</summary>
    public string? Subject { get; set; }

    public string? Html { get; set; }

    public string? Text { get; set; }

    public string? Cc { get; set; }

    public string? Bcc { get; set; }

    /// <summary>Track opens and clicks; null follows the sender's preference. Only contacts who consented to email are tracked.</summary>
    public bool? Track { get; set; }
}

internal sealed class SendEmailInputValidator : AbstractValidator<SendEmailInput>
{
    public SendEmailInputValidator()
    {
        RuleFor(i => i.ContactId).NotNull().WithMessage("Choose the contact to email.");
        RuleFor(i => i.Subject).NotEmpty().When(i => i.TemplateId is null).WithMessage("Write a subject, or choose a template.")
            .MaximumLength(998).Must(s => s is null || !s.Contains('\n', StringComparison.Ordinal)).WithMessage("A subject is one line.");
        RuleFor(i => i.Html).Must((input, html) => input.TemplateId is not null || !string.IsNullOrWhiteSpace(html) || !string.IsNullOrWhiteSpace(input.Text))
            .WithMessage("Write the message, or choose a template.").MaximumLength(500_000);
        RuleFor(i => i.Text).MaximumLength(200_000);
        RuleFor(i => i.Cc).Must(EmailAddresses.IsListOrEmpty).WithMessage("Separate addresses with commas, such as ana@example.com, bo@example.com.");
        RuleFor(i => i.Bcc).Must(EmailAddresses.IsListOrEmpty).WithMessage("Separate addresses with commas, such as ana@example.com, bo@example.com.");
    }
}
