using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>
/// A web form that starts a conversation: its fields map to contact fields, its consent boxes carry versioned text, and
/// a submission can open a ticket and be assigned round robin in a team. <see cref="Key"/> names it in public URLs.
/// </summary>
internal sealed class WebForm
{
    public Guid Id { get; set; }

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public List<WebFormField> Fields { get; set; } = [];

    public List<WebFormConsent> Consents { get; set; } = [];

    public bool CreatesTicket { get; set; }

    /// <summary>Each accepted submission goes to the next available member of this team, in turn.</summary>
    public Guid? AssignTeamId { get; set; }

    public Guid? LastAssignedUserId { get; set; }

    public string? ThankYouMessage { get; set; }

    public bool Enabled { get; set; } = true;

    public Guid? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class WebFormField
{
    public string Name { get; set; } = "";

    public string Label { get; set; } = "";

    /// <summary>email, firstName, lastName, phone, company, jobTitle, custom:&lt;key&gt;, or none (kept on the submission only).</summary>
    public string MapsTo { get; set; } = "";

    public bool Required { get; set; }
}

/// <summary>A consent checkbox; <see cref="Version"/> goes up whenever its text changes, and every version's text is kept.</summary>
internal sealed class WebFormConsent
{
    public string Category { get; set; } = "";

    public string Text { get; set; } = "";

    public int Version { get; set; } = 1;
}

/// <summary>The text of one version of a form's consent box, as the people who ticked it saw it.</summary>
internal sealed class WebFormConsentText
{
    public Guid FormId { get; set; }

    public string Category { get; set; } = "";

    public int Version { get; set; }

    public string Text { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class WebFormConfiguration : IEntityTypeConfiguration<WebForm>
{
    public void Configure(EntityTypeBuilder<WebForm> builder)
    {
        builder.ToTable("crm_forms");
        builder.Property(f => f.Key).HasMaxLength(40);
        builder.HasIndex(f => f.Key).IsUnique();
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.Property(f => f.ThankYouMessage).HasMaxLength(1000);
        builder.OwnsMany(f => f.Fields, fields => fields.ToJson());
        builder.OwnsMany(f => f.Consents, consents => consents.ToJson());
        builder.HasOne<Platform.Auth.Team>().WithMany().HasForeignKey(f => f.AssignTeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class WebFormConsentTextConfiguration : IEntityTypeConfiguration<WebFormConsentText>
{
    public void Configure(EntityTypeBuilder<WebFormConsentText> builder)
    {
        builder.ToTable("crm_form_consent_texts");
        builder.HasKey(t => new { t.FormId, t.Category, t.Version });
        builder.Property(t => t.Category).HasMaxLength(50);
        builder.Property(t => t.Text).HasMaxLength(2000);
        builder.HasOne<WebForm>().WithMany().HasForeignKey(t => t.FormId).OnDelete(DeleteBehavior.Cascade);
    }
}
