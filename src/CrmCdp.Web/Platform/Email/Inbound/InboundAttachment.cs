using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>
/// A file attached to fetched mail, kept as the bytes it arrived as (never unpacked). One over the size limit keeps its
/// name and size but no content, and says so.
/// </summary>
internal sealed class InboundAttachment
{
    public Guid Id { get; set; }

    public Guid InboundEmailId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "application/octet-stream";

    public long Size { get; set; }

    public byte[]? Content { get; set; }

    /// <summary>Why the content was not kept (too large, unreadable); null when it was.</summary>
    public string? Note { get; set; }
}

internal sealed class InboundAttachmentConfiguration : IEntityTypeConfiguration<InboundAttachment>
{
    public void Configure(EntityTypeBuilder<InboundAttachment> builder)
    {
        builder.ToTable("platform_inbound_attachments");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(200);
        builder.Property(a => a.Note).HasMaxLength(500);
        builder.HasOne<InboundEmail>().WithMany().HasForeignKey(a => a.InboundEmailId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.InboundEmailId);
    }
}
