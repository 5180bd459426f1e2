using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.CustomFields;

public enum CustomFieldType
{
    Text,
    Number,
    Date,
    Choice,
    Boolean,
}

/// <summary>An admin-defined field on contacts; values live in the contact's <c>custom_fields</c> jsonb, indexed for filtering.</summary>
internal sealed class CustomFieldDefinition
{
    public Guid Id { get; set; }

    /// <summary>The key in JSON and the API (e.g. <c>contractValue</c>).</summary>
    public string Key { get; set; } = "";

    public string Label { get; set; } = "";

    public CustomFieldType Type { get; set; }

    public List<string> Choices { get; set; } = [];

    /// <summary>Which records carry the field: contacts or companies.</summary>
    public CustomFieldTarget AppliesTo { get; set; } = CustomFieldTarget.Contact;

    public DateTimeOffset CreatedAt { get; set; }
}

public enum CustomFieldTarget
{
    Contact,
    Company,
}

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> builder)
    {
        builder.ToTable("crm_custom_fields");
        builder.Property(f => f.Key).HasMaxLength(50);
        builder.Property(f => f.Label).HasMaxLength(100);
        builder.Property(f => f.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.AppliesTo).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(f => new { f.AppliesTo, f.Key }).IsUnique();
    }
}

public sealed record CustomFieldDto(Guid Id, string Key, string Label, CustomFieldType Type, IReadOnlyList<string> Choices, CustomFieldTarget AppliesTo);
