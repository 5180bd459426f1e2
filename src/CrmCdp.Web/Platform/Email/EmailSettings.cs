using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Email;

/// <summary>The SMTP server and senders saved in Admin → Email: one row, which overrides the configuration keys.</summary>
internal sealed class EmailSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string Host { get; set; } = "";

    public int Port { get; set; }

    public SmtpTlsMode TlsMode { get; set; }

    public string? User { get; set; }

    /// <summary>The password encrypted with ASP.NET Core data protection; never stored or shown in clear.</summary>
    public string? ProtectedPassword { get; set; }

    public string From { get; set; } = "";

    public string? ReplyTo { get; set; }

    /// <summary>Emails a user writes go out from their own address (else from <see cref="From"/>, with their name).</summary>
    public bool SendFromUserAddress { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedByUserId { get; set; }
}

internal sealed class EmailSettingsConfiguration : IEntityTypeConfiguration<EmailSettings>
{
    public void Configure(EntityTypeBuilder<EmailSettings> builder)
    {
        builder.ToTable("platform_email_settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Host).HasMaxLength(255);
        builder.Property(s => s.TlsMode).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.User).HasMaxLength(255);
        builder.Property(s => s.ProtectedPassword).HasMaxLength(2000);
        builder.Property(s => s.From).HasMaxLength(320);
        builder.Property(s => s.ReplyTo).HasMaxLength(320);
    }
}
