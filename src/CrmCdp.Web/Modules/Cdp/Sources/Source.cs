using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Sources;

/// <summary>Where events come from (a website, an app, a backend); SDKs authenticate with its write key.</summary>
internal sealed class Source
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>website, ios, android, server, pos or other.</summary>
    public string Type { get; set; } = "website";

    /// <summary>SHA-256 of the write key; the key itself is shown once and never stored.</summary>
    public string WriteKeyHash { get; set; } = "";

    public string WriteKeyPrefix { get; set; } = "";

    /// <summary>After a rotation the previous key keeps working until <see cref="PreviousKeyExpiresAt"/>, so SDKs can be redeployed.</summary>
    public string? PreviousWriteKeyHash { get; set; }

    public DateTimeOffset? PreviousKeyExpiresAt { get; set; }

    public bool Enabled { get; set; } = true;

    public Guid? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal static class WriteKeys
{
    public const string Prefix = "wk_";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string DisplayPrefix(string key) => key[..Math.Min(10, key.Length)];
}

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.ToTable("cdp_sources");
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Type).HasMaxLength(20);
        builder.Property(s => s.WriteKeyHash).HasMaxLength(64);
        builder.Property(s => s.WriteKeyPrefix).HasMaxLength(12);
        builder.Property(s => s.PreviousWriteKeyHash).HasMaxLength(64);
        builder.HasIndex(s => s.WriteKeyHash).IsUnique();
        builder.HasIndex(s => s.PreviousWriteKeyHash);
    }
}
