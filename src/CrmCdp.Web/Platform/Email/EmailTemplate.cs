using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Email;

/// <summary>A reusable email in Liquid: subject, HTML and plain-text bodies over <c>contact</c> and <c>sender</c> fields.</summary>
internal sealed class EmailTemplate
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Subject { get; set; } = "";

    public string? Html { get; set; }

    public string? Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedByUserId { get; set; }
}

internal sealed class EmailTemplateConfiguration : IEntityTypeConfiguration<EmailTemplate>
{
    public void Configure(EntityTypeBuilder<EmailTemplate> builder)
    {
        builder.ToTable("platform_email_templates");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Subject).HasMaxLength(998);
        builder.Property(t => t.Html).HasMaxLength(500_000);
        builder.Property(t => t.Text).HasMaxLength(200_000);
    }
}

internal sealed record EmailTemplateDto(Guid Id, string Name, string Subject, string? Html, string? Text, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static EmailTemplateDto From(EmailTemplate t) => new(t.Id, t.Name, t.Subject, t.Html, t.Text, t.CreatedAt, t.UpdatedAt);
}
