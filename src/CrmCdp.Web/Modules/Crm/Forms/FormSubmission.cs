using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Forms;

internal enum SubmissionStatus
{
    /// <summary>Stored; the contact, ticket and CDP events are still to be made (the sweep finishes it after a crash).</summary>
    Received,

    /// <summary>Held as suspected spam for someone to review; nothing was made from it.</summary>
    Spam,

    /// <summary>The contact (and ticket) were made; <see cref="FormSubmission.EventsSentAt"/> says whether the CDP has it.</summary>
    Processed,

    /// <summary>Its values could not make a contact; <see cref="FormSubmission.Note"/> says why.</summary>
    Failed,
}

/// <summary>One submission of a web form, kept whatever became of it (spam included), with what it made.</summary>
internal sealed class FormSubmission
{
    public Guid Id { get; set; }

    public Guid FormId { get; set; }

    public SubmissionStatus Status { get; set; }

    /// <summary>The submitted values by field name (only the form's fields), as a JSON object.</summary>
    public string ValuesJson { get; set; } = "{}";

    public Dictionary<string, string> Values
    {
        get => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(ValuesJson) ?? [];
        set => ValuesJson = System.Text.Json.JsonSerializer.Serialize(value);
    }

    /// <summary>The consent boxes as shown and answered: category, version and whether it was ticked.</summary>
    public List<SubmittedConsent> Consents { get; set; } = [];

    public string? Email { get; set; }

    public string? AnonymousId { get; set; }

    public string? ClientAddress { get; set; }

    public string? SpamReason { get; set; }

    public string? Note { get; set; }

    public Guid? ContactId { get; set; }

    public Guid? TicketId { get; set; }

    public Guid? AssignedUserId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public DateTimeOffset? EventsSentAt { get; set; }
}

public sealed class SubmittedConsent
{
    public string Category { get; set; } = "";

    public int Version { get; set; }

    public bool Granted { get; set; }
}

internal sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> builder)
    {
        builder.ToTable("crm_form_submissions");
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ValuesJson).HasColumnType("jsonb");
        builder.Ignore(s => s.Values);
        builder.OwnsMany(s => s.Consents, consents => consents.ToJson());
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.AnonymousId).HasMaxLength(200);
        builder.Property(s => s.ClientAddress).HasMaxLength(64);
        builder.Property(s => s.SpamReason).HasMaxLength(200);
        builder.Property(s => s.Note).HasMaxLength(1000);
        builder.HasIndex(s => new { s.FormId, s.ReceivedAt });
        builder.HasIndex(s => new { s.ClientAddress, s.ReceivedAt });
        builder.HasIndex(s => s.ContactId);
        builder.HasIndex(s => s.ReceivedAt).HasFilter("status = 'Received' OR (status = 'Processed' AND events_sent_at IS NULL)").HasDatabaseName("ix_crm_form_submissions_unfinished");
        builder.HasOne<WebForm>().WithMany().HasForeignKey(s => s.FormId).OnDelete(DeleteBehavior.Cascade);
    }
}
